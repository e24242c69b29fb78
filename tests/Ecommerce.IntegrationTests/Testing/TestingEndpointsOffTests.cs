using System.Net;
using System.Text.Json.Nodes;

namespace Ecommerce.IntegrationTests.Testing;

/// <summary>Testing off (the default): the routes do not exist.</summary>
[TestFixture]
public sealed class TestingEndpointsOffTests : HostFixture
{
    [TestCase("/testing/reset")]
    [TestCase("/testing/faults")]
    public async Task Without_Testing_Enabled_the_routes_are_404(string route)
    {
        foreach (var client in new[] { App.Orders, App.Payments, App.Notifications })
            Assert.That((await client.PostAsync(route, Http.Json(new { mode = "error" }))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        // The dashboard's pages answer GET on every path, so a POST there is 405: no route either.
        Assert.That((await App.Dashboard.PostAsync(route, Http.Json(new { mode = "error" }))).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound).Or.EqualTo(HttpStatusCode.MethodNotAllowed));
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace Ecommerce.IntegrationTests.Testing;

/// <summary>A delay longer than Orders gives Payments takes the contract's timeout path (its own host: a short timeout).</summary>
[TestFixture]
public sealed class TestingDelayFaultTests() : HostFixture(TestStore.Sqlite, new Dictionary<string, string?>
{
    ["Testing:Enabled"] = "true",
    ["Services:Payments:TimeoutSeconds"] = "2",
})
{
    [Test]
    public async Task A_Payments_delay_beyond_Orders_timeout_leaves_the_order_pending_with_PAYMENT_FAILED()
    {
        var (added, _) = await App.Payments.PostJson("/testing/faults", new { mode = "delay", delay_ms = 6000, method = "POST", path = "/api/v1/payments", count = 1 });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var (response, order) = await App.Orders.PostJson("/api/v1/orders/", Requests.Order());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)order["status"], Is.EqualTo("pending"));
        var emails = (await App.Notifications.GetJson($"/api/v1/notifications/order/{(int)order["id"]!}")).Body.AsArray();
        Assert.That(emails.Select(e => (string?)e!["template_name"]), Is.EqualTo(new[] { "PAYMENT_FAILED" }));
    }
}

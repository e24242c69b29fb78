using System.Security.Claims;
using Ecommerce.Shared.Security;
using Microsoft.AspNetCore.Http;

namespace Ecommerce.UnitTests.Shared.Security;

/// <summary>Who an API request's audit rows name: a dashboard user only when the dashboard's own credential carries the name.</summary>
public sealed class ActorTests
{
    private static readonly ServiceCredentials Credentials = new(new byte[32], testing: false);

    private static DefaultHttpContext Request(string? key = null, string? dashboardUser = null, string? authenticatedAs = null)
    {
        var context = new DefaultHttpContext();
        if (key is not null) context.Request.Headers[ApiAuthentication.KeyHeader] = key;
        if (dashboardUser is not null) context.Request.Headers[Actor.DashboardUserHeader] = dashboardUser;
        if (authenticatedAs is not null) context.User = new ApiCaller(authenticatedAs, []).Principal;
        return context;
    }

    [Test]
    public void Given_no_authentication_and_no_credential_Then_anonymous_whatever_name_is_claimed() =>
        Assert.That(Actor.Of(Request(dashboardUser: "alice"), Credentials), Is.EqualTo(Actor.Anonymous));

    [Test]
    public void Given_authentication_off_and_the_dashboards_credential_Then_the_named_user() =>
        Assert.That(Actor.Of(Request(Credentials.For("Dashboard"), Uri.EscapeDataString("山田 花子")), Credentials), Is.EqualTo("dashboard:山田 花子"));

    [Test]
    public void Given_another_modules_credential_naming_a_user_Then_that_module_not_the_user() =>
        Assert.That(Actor.Of(Request(Credentials.For("Payments"), "alice", authenticatedAs: "module:Payments"), Credentials), Is.EqualTo("module:Payments"));

    [Test]
    public void Given_an_api_key_caller_naming_a_user_Then_the_keys_name() =>
        Assert.That(Actor.Of(Request("ecapi_x", "alice", authenticatedAs: "reporting"), Credentials), Is.EqualTo("reporting"));

    [Test]
    public void Given_authentication_on_and_the_dashboard_caller_Then_the_named_user() =>
        Assert.That(Actor.Of(Request(Credentials.For("Dashboard"), "alice", authenticatedAs: "module:Dashboard"), Credentials), Is.EqualTo("dashboard:alice"));

    [TestCase("")]
    [TestCase("%0Aforged")]
    [TestCase("%00")]
    public void Given_the_dashboard_naming_an_unprintable_or_empty_user_Then_the_dashboard_itself(string name) =>
        Assert.That(Actor.Of(Request(Credentials.For("Dashboard"), name, authenticatedAs: "module:Dashboard"), Credentials), Is.EqualTo("module:Dashboard"));

    [Test]
    public void Given_the_dashboard_naming_a_user_longer_than_a_name_may_be_Then_the_dashboard_itself() =>
        Assert.That(Actor.Of(Request(Credentials.For("Dashboard"), new string('a', 101), authenticatedAs: "module:Dashboard"), Credentials), Is.EqualTo("module:Dashboard"));

    [Test]
    public void Given_a_wrong_dashboard_credential_with_authentication_off_Then_anonymous() =>
        Assert.That(Actor.Of(Request(Credentials.For("Dashboard")[..^2] + "xx", "alice"), Credentials), Is.EqualTo(Actor.Anonymous));
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>The login's HTTP surface without a browser: redirects, antiforgery, headers.</summary>
[TestFixture]
public sealed class DashboardLoginHttpTests() : HostFixture(settings: Admin.Settings())
{
    [TestCase("/", "/login?ReturnUrl=%2F")]
    [TestCase("/orders/3", "/login?ReturnUrl=%2Forders%2F3")]
    [TestCase("/_content/Ecommerce.Dashboard/app.css", "/login?ReturnUrl=%2F_content%2FEcommerce.Dashboard%2Fapp.css")]
    public async Task Given_an_anonymous_request_for_a_page_Then_302_to_the_login(string path, string login)
    {
        using var response = await App.Dashboard.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.PathAndQuery, Is.EqualTo(login));
    }

    [Test]
    public async Task Given_an_anonymous_circuit_Then_the_hub_refuses_it()
    {
        using var response = await App.Dashboard.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.That((int)response.StatusCode, Is.AnyOf(302, 401));
    }

    [Test]
    public async Task Given_the_login_page_Then_200_with_the_security_headers()
    {
        using var response = await App.Dashboard.GetAsync("/login");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'").And.Contain("script-src 'self'"));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("same-origin"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("name=\"__RequestVerificationToken\""));
    }

    [Test]
    public async Task Given_a_login_post_without_its_antiforgery_token_Then_400_and_no_cookie()
    {
        using var response = await App.Dashboard.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["password"] = Admin.Password }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".Ecommerce.Admin", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task Given_the_health_probe_Then_it_needs_no_login()
    {
        using var response = await App.Dashboard.GetAsync("/health");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

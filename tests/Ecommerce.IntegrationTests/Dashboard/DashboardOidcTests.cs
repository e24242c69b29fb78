using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>
/// Sign-in through an OpenID Connect provider (a fake one on a free port, no network), in Chromium: the role comes from
/// the configured claim, the name from the name claim, and an account with no dashboard role is not let in.
/// </summary>
[TestFixture]
[Category("Browser")]
public sealed class DashboardOidcTests : BrowserFixture
{
    private readonly FakeIdentityProvider _provider = new();

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Dashboard:Oidc:Authority"] = _provider.Authority,
        ["Dashboard:Oidc:ClientId"] = FakeIdentityProvider.ClientId,
        ["Dashboard:Oidc:ClientSecret"] = FakeIdentityProvider.ClientSecret,
        ["Dashboard:Oidc:RoleClaim"] = "dashboard_role",
        ["Dashboard:Oidc:DisplayName"] = "Example ID",
        ["Dashboard:Oidc:RequireHttpsMetadata"] = "false",
    };

    [OneTimeTearDown]
    public async Task StopProvider() => await _provider.DisposeAsync();

    [Test]
    public async Task Given_a_provider_account_with_the_operator_role_Then_signed_in_under_its_name_with_that_role()
    {
        _provider.NextUser = new() { ["sub"] = "u-42", ["name"] = "佐藤 一郎", ["dashboard_role"] = new[] { "viewer", "operator" } };
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/payments");
        await Expect(page.Locator("#password")).ToHaveCountAsync(0);   // nobody has a password: the provider only
        await page.ClickAsync("a:has-text('Sign in with Example ID')");
        await Expect(page).ToHaveURLAsync(new Regex("/payments$"));
        await Expect(page.Locator(".user")).ToHaveTextAsync("佐藤 一郎 (operator)");
        await Expect(page.Locator("nav a", new() { HasText = "New order" })).ToHaveCountAsync(1);
        await Expect(page.Locator("button", new() { HasText = "Refund" })).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Given_a_provider_account_without_a_dashboard_role_Then_the_login_page_says_so_and_nothing_opens()
    {
        _provider.NextUser = new() { ["sub"] = "u-7", ["name"] = "Guest", ["dashboard_role"] = "customer" };
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders");
        await page.ClickAsync("a:has-text('Sign in with Example ID')");
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("no dashboard role");
        await page.GotoAsync($"{Url}/orders");
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?ReturnUrl=%2Forders$"));
    }
}

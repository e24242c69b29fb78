using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

internal static class Admin
{
    public const string Password = "correct horse battery staple";

    public static Dictionary<string, string?> Settings(int lockoutAfter = 5) => new()
    {
        ["Dashboard:AdminPassword"] = Password, ["Dashboard:LockoutAfterFailures"] = $"{lockoutAfter}",
    };

    public static async Task SignInAsync(IPage page, string password = Password)
    {
        await page.FillAsync("#password", password);
        await page.ClickAsync("button:has-text('Sign in')");
    }
}

/// <summary>With an admin password set, every dashboard page needs a login, in a real browser.</summary>
[TestFixture]
[Category("Browser")]
public sealed class DashboardLoginTests() : BrowserFixture(Admin.Settings())
{
    [Test]
    public async Task Given_an_anonymous_deep_link_Then_the_login_page_and_after_signing_in_back_to_that_page()
    {
        var (_, order) = await App.Orders.PostJson("/api/v1/orders/", Requests.Order());
        var id = (int)order["id"]!;
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders/{id}?from=mail");
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?ReturnUrl=%2Forders%2F\d+%3Ffrom%3Dmail$"));
        await Browser.ScreenshotAsync(page, "login");

        await Admin.SignInAsync(page);
        await Expect(page).ToHaveURLAsync(new Regex($@"/orders/{id}\?from=mail$"));
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("paid");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == ".Ecommerce.Admin");
        Assert.That((cookie.HttpOnly, cookie.Secure, cookie.SameSite), Is.EqualTo((true, true, SameSiteAttribute.Strict)));
    }

    [Test]
    public async Task Given_a_wrong_password_Then_the_login_page_says_so_and_nothing_opens()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders");
        await Admin.SignInAsync(page, "wrong");
        await Expect(page.Locator("[role=alert]")).ToHaveTextAsync("Wrong password.");
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await page.GotoAsync($"{Url}/payments");
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?ReturnUrl=%2Fpayments$"));
    }

    [Test]
    public async Task Given_a_signed_in_admin_When_signing_out_Then_pages_need_the_login_again()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/payments");
        await Admin.SignInAsync(page);
        await Expect(page).ToHaveURLAsync(new Regex("/payments$"));
        await page.ClickAsync("button:has-text('Sign out')");
        await Expect(page).ToHaveURLAsync(new Regex("/logout$"));
        await page.ClickAsync("button:has-text('Sign out')");
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await page.GotoAsync($"{Url}/orders");
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?ReturnUrl=%2Forders$"));
    }
}

/// <summary>Wrong passwords lock the address out (its own host: the lockout would close the other tests' address too).</summary>
[TestFixture]
[Category("Browser")]
public sealed class DashboardLockoutTests() : BrowserFixture(Admin.Settings(lockoutAfter: 3))
{
    [Test]
    public async Task Given_repeated_wrong_passwords_Then_the_address_is_locked_out_even_for_the_right_one()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/login");
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await Admin.SignInAsync(page, $"guess {attempt}");
            await Expect(page.Locator("[role=alert]")).ToHaveTextAsync("Wrong password.");
        }
        await Admin.SignInAsync(page, "guess 3");
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("Too many wrong passwords from this address. Try again in 15 minutes.");
        await Admin.SignInAsync(page);
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("Too many wrong passwords");
        await Browser.ScreenshotAsync(page, "login-locked-out");
    }
}

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
        Assert.That(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".Ecommerce.Admin")), Is.False);
    }

    [Test]
    public async Task Given_the_health_probe_Then_it_needs_no_login()
    {
        using var response = await App.Dashboard.GetAsync("/health");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

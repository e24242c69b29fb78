using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

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
    public async Task Given_the_csv_export_Then_it_needs_the_login_too_and_a_signed_in_user_downloads_it()
    {
        await App.Orders.PostJson("/api/v1/orders/", Requests.Order());
        using (var anonymous = await App.Dashboard.GetAsync("/export/orders.csv"))
        {
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "no rows without a login");
            Assert.That(anonymous.Headers.Location!.ToString(), Does.Contain("/login?ReturnUrl=%2Fexport%2Forders.csv"));
        }

        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders");
        await Admin.SignInAsync(page);
        await Expect(page.Locator("a.export")).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a.export"));
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.That(csv, Does.StartWith("\uFEFForder_ref,customer_email"));
        Assert.That(csv, Does.Contain("田中太郎"));
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

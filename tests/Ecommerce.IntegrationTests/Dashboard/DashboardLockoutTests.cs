using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

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

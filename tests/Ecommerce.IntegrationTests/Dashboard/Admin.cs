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

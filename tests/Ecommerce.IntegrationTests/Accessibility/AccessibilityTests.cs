using Ecommerce.IntegrationTests.Dashboard;
using Ecommerce.IntegrationTests.Orders;

namespace Ecommerce.IntegrationTests.Accessibility;

/// <summary>
/// Every dashboard page, with data on it, has no serious or critical finding of axe-core: at a desktop width and at
/// 390 px (a phone), in light colours and in the dark ones a system that prefers them gets.
/// </summary>
[TestFixture]
[Category("Browser")]
public sealed class AccessibilityTests() : BrowserFixture(new Dictionary<string, string?> { ["Notifications:RateLimitPerSecond"] = "1000" })
{
    private int _order;
    private int _notification;

    [OneTimeSetUp]
    public async Task SeedOrders()
    {
        if (Axe.Missing is { } missing) Assert.Ignore(missing);
        var orders = new OrderScenario(App);
        _order = await orders.InStatus("shipped");
        await orders.InStatus("pending");
        var (_, notifications) = await App.Notifications.GetJson($"/api/v1/notifications/order/{_order}");
        _notification = (int)notifications.AsArray()[0]!["id"]!;
    }

    private static readonly string[] Pages = ["/", "/?period=30d", "/orders", "/orders/new", "/orders/{order}", "/import", "/payments", "/notifications",
        "/notifications/{notification}", "/owed", "/audit", "/search?q=tanaka"];

    /// <summary>"/orders/{order}" → "-orders-order", "/" → "-overview": one file per page, whatever its ids.</summary>
    private static string ScreenshotName(string template) =>
        template == "/" ? "-overview" : System.Text.RegularExpressions.Regex.Replace(template, "[^a-z0-9]+", "-").TrimEnd('-');

    [TestCase(1280, false)]
    [TestCase(390, false)]
    [TestCase(1280, true)]
    public async Task Every_page_has_no_serious_or_critical_finding(int width, bool dark)
    {
        var page = await Chromium.NewPageAsync(width, dark: dark);
        var findings = new List<string>();
        foreach (var template in Pages)
        {
            var path = template.Replace("{order}", $"{_order}", StringComparison.Ordinal).Replace("{notification}", $"{_notification}", StringComparison.Ordinal);
            await page.GotoAsync(Url + path);
            await page.WaitForSelectorAsync("main h1");
            await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
            findings.AddRange((await Axe.SeriousFindingsAsync(page)).Select(f => $"{path}: {f}"));
            // Every page in every view, kept with the test results (what a reviewer looks at without running the host).
            await Browser.ScreenshotAsync(page, $"page{ScreenshotName(template)}-{width}{(dark ? "-dark" : "")}");
        }
        Assert.That(findings, Is.Empty);
    }
}

/// <summary>The login page (the one page a stranger sees) passes axe-core too, at both widths and in dark colours.</summary>
[TestFixture]
[Category("Browser")]
public sealed class LoginPageAccessibilityTests() : BrowserFixture(Admin.Settings())
{
    [TestCase(1280, false)]
    [TestCase(390, false)]
    [TestCase(1280, true)]
    public async Task The_login_page_has_no_serious_or_critical_finding(int width, bool dark)
    {
        if (Axe.Missing is { } missing) Assert.Ignore(missing);
        var page = await Chromium.NewPageAsync(width, dark: dark);
        await page.GotoAsync($"{Url}/login");
        await page.WaitForSelectorAsync("input[type=password]");
        Assert.That(await Axe.SeriousFindingsAsync(page), Is.Empty);
        await Browser.ScreenshotAsync(page, $"login-{width}{(dark ? "-dark" : "")}");
    }
}

using Ecommerce.IntegrationTests.Orders;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>
/// The overview, the dashboard's home page, over orders with known totals made through the API in a fresh host: two
/// paid, one shipped, one whose charge was refused (pending), one paid then cancelled (refunded).
/// </summary>
[TestFixture]
[Category("Browser")]
public sealed class OverviewPageTests() : BrowserFixture(new Dictionary<string, string?> { ["Notifications:RateLimitPerSecond"] = "1000" })
{
    [OneTimeSetUp]
    public async Task SeedOrders()
    {
        var orders = new OrderScenario(App);
        foreach (var status in new[] { "paid", "paid", "shipped", "pending", "cancelled" }) await orders.InStatus(status);
    }

    [Test]
    public async Task The_home_page_shows_the_periods_figures_chart_breakdown_and_best_sellers()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync(Url);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        // The last 7 days: the orders were made seconds ago, whatever the hour.
        await page.ClickAsync(".periods nav a[href='/?period=7d']");
        await Expect(page.Locator(".periods nav a[aria-current='page']")).ToHaveTextAsync("7 days");

        await Expect(page.Locator("[data-figure='orders'] .value")).ToHaveTextAsync("5");
        await Expect(page.Locator("[data-figure='orders'] .change")).ToContainTextAsync("new");
        // Paid and shipped: 3 × (2 × 89,800 + 3,500).
        await Expect(page.Locator("[data-figure='revenue-JPY'] .value")).ToHaveTextAsync("¥549,300");
        await Expect(page.Locator("[data-figure='revenue-JPY'] .sub")).ToHaveTextAsync("3 orders paid, average ¥183,100");
        // Four charges completed (one refunded since), one refused: 1 of 5 failed.
        await Expect(page.Locator("[data-figure='payments'] .value")).ToHaveTextAsync("20.0 % failed");
        await Expect(page.Locator("[data-figure='payments'] .sub")).ToHaveTextAsync("4 completed, 1 failed, 1 refunded");
        await Expect(page.Locator("[data-figure='refunds'] .sub")).ToHaveTextAsync("¥183,100");
        await Expect(page.Locator("[data-figure='notifications'] .value")).ToHaveTextAsync("7"); // 4 confirmations, shipped, cancelled, payment failed

        var bars = await page.Locator(".chart svg rect").EvaluateAllAsync<int[]>("bars => bars.map(b => Number(b.dataset.value))");
        Assert.That(bars, Has.Length.EqualTo(7), "one bar per day");
        Assert.That(bars.Sum(), Is.EqualTo(5));
        await Expect(page.Locator(".chart svg")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^Orders per day: 5 in all"));

        foreach (var (status, count) in new[] { ("pending", "1"), ("paid", "2"), ("shipped", "1"), ("delivered", "0"), ("cancelled", "1") })
            await Expect(page.Locator($"[data-breakdown='status'] li[data-status='{status}'] span").Last).ToHaveTextAsync(count);
        await Expect(page.Locator("[data-attention='pending'] > span")).ToHaveTextAsync("1");
        await Expect(page.Locator("table[data-top='quantity'] tbody tr").First).ToContainTextAsync("ノートPC");
        await Expect(page.Locator("table[data-top='quantity'] tbody tr").First.Locator("td.num")).ToHaveTextAsync("6");
        await Expect(page.Locator("table[data-top='revenue'] tbody tr").First).ToContainTextAsync("¥538,800");
        // The latest changes of both audit logs: 5 created, 4 paid, 1 shipped, 1 cancelled; 4 payments, 1 refund.
        await Expect(page.Locator("[data-feed='events'] li")).ToHaveCountAsync(16);
        await Expect(page.Locator("[data-feed='events'] li").First).ToHaveAttributeAsync("data-audit-action", "payment.refunded");
        await Browser.ScreenshotAsync(page, "overview");

        // The breakdown's links open the orders list with that filter.
        await page.ClickAsync("[data-breakdown='status'] li[data-status='pending'] a");
        await Expect(page.Locator("select[name='status']")).ToHaveValueAsync("pending");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
    }

    [Test]
    public async Task Custom_dates_before_the_orders_show_none_and_stay_in_the_url()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/?period=today");
        await page.FillAsync("input[name='from']", "2026-01-01");
        await page.FillAsync("input[name='to']", "2026-01-03");
        await page.ClickAsync(".periods button[type='submit']");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"from=2026-01-01&to=2026-01-03$"));
        await Expect(page.Locator("[data-figure='orders'] .value")).ToHaveTextAsync("0");
        await Expect(page.Locator(".chart svg rect")).ToHaveCountAsync(3);
        await Expect(page.Locator("input[name='to']")).ToHaveValueAsync("2026-01-03");
    }
}

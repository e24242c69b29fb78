using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>
/// Open pages follow what happens anywhere without a reload: an order made through the API appears on the open overview
/// and list, an order moved through the API changes on its open page; a paused page counts what it missed and catches up
/// on resume.
/// </summary>
[TestFixture]
[Category("Browser")]
public sealed class LiveUpdatesTests() : BrowserFixture(new Dictionary<string, string?> { ["Notifications:RateLimitPerSecond"] = "1000" })
{
    private async Task<int> CreateOrder()
    {
        var (_, order) = await App.Orders.PostJson("/api/v1/orders", Requests.Order());
        return (int)order["id"]!;
    }

    [Test]
    public async Task An_order_made_through_the_api_appears_on_the_open_overview_and_list_and_a_move_on_its_open_page()
    {
        var first = await CreateOrder();
        var overview = await Chromium.NewPageAsync();
        await overview.GotoAsync($"{Url}/?period=today");
        var count = overview.Locator("[data-figure='orders'] .value");
        await Expect(count).Not.ToHaveTextAsync("");
        var before = int.Parse(await count.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var list = await Chromium.NewPageAsync();
        await list.GotoAsync($"{Url}/orders");
        await Expect(list.Locator($"tr[data-order-id='{first}']")).ToBeVisibleAsync();
        var detail = await Chromium.NewPageAsync();
        await detail.GotoAsync($"{Url}/orders/{first}");
        await Expect(detail.Locator(".badge").First).ToHaveTextAsync("paid");
        await Expect(detail.Locator("[data-live='on']")).ToBeVisibleAsync();

        var second = await CreateOrder();
        await App.Orders.PutJson($"/api/v1/orders/{first}/status", new { status = "shipped" });

        // The feed asks every second: well within Playwright's default wait, with no reload.
        await Expect(list.Locator($"tr[data-order-id='{second}']")).ToBeVisibleAsync();
        await Expect(count).ToHaveTextAsync($"{before + 1}");
        await Expect(detail.Locator(".badge").First).ToHaveTextAsync("shipped");
        await Expect(detail.Locator("[data-story='Marked shipped']")).ToBeVisibleAsync();
    }

    [Test]
    public async Task A_paused_page_counts_the_changes_it_missed_and_catches_up_on_resume()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders");
        await Expect(page.Locator("[data-live='on']")).ToBeVisibleAsync();
        await page.ClickAsync(".live button:has-text('Pause')");
        await Expect(page.Locator("[data-live='paused']")).ToBeVisibleAsync();
        var rows = await page.Locator("tbody tr").CountAsync();

        var id = await CreateOrder();
        // One order moves several markers (the order, its payment, its email): one tick or more, each counted.
        await Expect(page.Locator(".live")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Paused · \d+ changes? waiting"));
        await Expect(page.Locator($"tr[data-order-id='{id}']")).ToHaveCountAsync(0);
        Assert.That(await page.Locator("tbody tr").CountAsync(), Is.EqualTo(rows), "nothing moves while paused");
        await Browser.ScreenshotAsync(page, "live-paused");

        await page.ClickAsync(".live button:has-text('Resume')");
        await Expect(page.Locator("[data-live='on']")).ToBeVisibleAsync();
        await Expect(page.Locator($"tr[data-order-id='{id}']")).ToBeVisibleAsync();
    }
}

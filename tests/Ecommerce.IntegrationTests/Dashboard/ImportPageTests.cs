using System.Text.RegularExpressions;
using Ecommerce.Dashboard.Api;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>Issue 8's import UI: a CSV file (with bad rows) and typed rows, previewed, then imported through the bulk API.</summary>
[TestFixture]
[Category("Browser")]
public sealed class ImportPageTests()
    // The default notification limit: an import's emails go in batches, which never need it raised.
    : BrowserFixture(new Dictionary<string, string?> { ["Notifications:RateLimitPerSecond"] = null })
{

    [Test]
    public async Task Given_a_csv_with_bad_rows_Then_the_preview_shows_them_and_the_import_creates_only_the_good_orders()
    {
        var csv = """
            order_ref,customer_email,customer_name,currency,product_name,quantity,unit_price
            F-1,tanaka@example.co.jp,田中太郎,JPY,ノートPC,2,89800
            F-1,tanaka@example.co.jp,田中太郎,JPY,マウス,1,3500
            F-2,suzuki@example.co.jp,鈴木花子,,キーボード,1,4500
            F-3,not-an-email,佐藤,JPY,モニター,1,39800
            F-4,kato@example.co.jp,加藤,JPY,"ケーブル, 2m",0,800
            F-5,ito@example.co.jp,伊藤,JPY,高級PC,2,600000
            """;
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/import");
        await Upload(page, csv);

        await Expect(page.Locator("[data-preview-summary]")).ToContainTextAsync("6 rows → 3 orders ready, 2 held back by invalid rows");
        await Expect(page.Locator("tr[data-line='5'] .problems")).ToContainTextAsync("customer_email");
        await Expect(page.Locator("tr[data-line='6'] .problems")).ToContainTextAsync("quantity");
        await Browser.ScreenshotAsync(page, "import-preview");
        Assert.That((await App.Orders.GetJson("/api/v1/orders?limit=100")).Body.AsArray(), Is.Empty, "nothing is written before Import");

        await page.ClickAsync("button:has-text('Import 3 orders')");
        await Expect(page.Locator("[data-progress]")).ToHaveTextAsync("3 / 3 orders");
        await Expect(page.Locator("[data-count=created]")).ToHaveTextAsync("Created: 3");
        await Expect(page.Locator("[data-count=paid]")).ToHaveTextAsync("Paid: 2");
        await Expect(page.Locator("[data-count=pending]")).ToHaveTextAsync("Pending (payment refused): 1");
        await Expect(page.Locator(".failures")).ToContainTextAsync("F-5");
        await Browser.ScreenshotAsync(page, "import-summary");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Download results (CSV)"));
        var results = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.That(results, Does.Contain("F-1,created").And.Contain("F-5,created").And.Contain("pending").And.Contain("F-3,invalid"));

        var orders = (await App.Orders.GetJson("/api/v1/orders?limit=100")).Body.AsArray();
        Assert.That(orders.Select(o => (string?)o!["customer_name"]), Is.EquivalentTo(new[] { "田中太郎", "鈴木花子", "伊藤" }));
        Assert.That(orders.Single(o => (string?)o!["customer_name"] == "田中太郎")!.ToJsonString(), Does.Contain("\"total_amount\":183100.0"));

        // The same file again: recognised by order_ref, nothing created twice.
        await Upload(page, csv);
        await page.ClickAsync("button:has-text('Import 3 orders')");
        await Expect(page.Locator("[data-count=existing]")).ToHaveTextAsync("Already imported: 3");
        Assert.That((await App.Orders.GetJson("/api/v1/orders?limit=100")).Body.AsArray(), Has.Count.EqualTo(3));
    }

    /// <summary>
    /// Blazor's file input starts listening only once its script has run after the first render; a file set in the
    /// instant before that is not seen (no person is that quick), so the test offers it again until the preview shows.
    /// </summary>
    internal static async Task Upload(IPage page, string csv)
    {
        var file = new FilePayload { Name = "orders.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) };
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await page.SetInputFilesAsync("input[type=file]", file);
            try
            {
                await page.Locator("[data-preview-summary]").WaitForAsync(new() { Timeout = 1000 });
                return;
            }
            catch (Exception exception) when (exception is PlaywrightException or TimeoutException)   // not shown yet: offer it again
            {
            }
        }
        Assert.Fail("The import page never showed a preview of the chosen file");
    }

    [Test]
    public async Task Given_typed_rows_Then_they_are_imported_as_one_order()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/import");
        await page.FillAsync("[aria-label=order_ref]", "T-1");
        await page.FillAsync("[aria-label=customer_email]", "mori@example.co.jp");
        await page.FillAsync("[aria-label=customer_name]", "森");
        await page.FillAsync("[aria-label=product_name]", "机");
        await page.FillAsync("[aria-label=quantity]", "1");
        await page.FillAsync("[aria-label=unit_price]", "25000");
        await page.ClickAsync("text=Add row");
        await page.Locator("[aria-label=product_name]").Nth(1).FillAsync("椅子");
        await page.Locator("[aria-label=quantity]").Nth(1).FillAsync("2");
        await page.Locator("[aria-label=unit_price]").Nth(1).FillAsync("12000");
        await page.ClickAsync("text=Check rows");
        await Expect(page.Locator("[data-preview-summary]")).ToContainTextAsync("2 rows → 1 orders ready");
        await page.ClickAsync("button:has-text('Import 1 orders')");
        await Expect(page.Locator("[data-count=paid]")).ToHaveTextAsync("Paid: 1");
        await Browser.ScreenshotAsync(page, "import-typed");
        var order = (await App.Orders.GetJson("/api/v1/orders?customer_email=mori@example.co.jp")).Body[0]!;
        Assert.That(order.ToJsonString(), Does.Contain("\"total_amount\":49000.0"));
        Assert.That(order["items"]!.AsArray(), Has.Count.EqualTo(2));
    }
}

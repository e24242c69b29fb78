using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ecommerce.Dashboard.Api;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>
/// Finding and taking out: the header's search box (an order by number, a customer by a prefix of email or Japanese name,
/// a payment by a prefix of its transaction id), list filters and date ranges that live in the URL (Back returns to the
/// previous ones), and CSV exports that stream the filtered list and import again into a fresh host as the same orders.
/// </summary>
[TestFixture]
[Category("Browser")]
public sealed class FindAndExportTests() : BrowserFixture(new Dictionary<string, string?> { ["Notifications:RateLimitPerSecond"] = "1000" })
{
    private int _tanaka, _suzuki;

    [OneTimeSetUp]
    public async Task SeedOrders()
    {
        // The API keeps the local part as typed and lower-cases the domain (as the original's email validation did).
        _tanaka = await Create("Tanaka.Taro@Example.co.jp", "田中太郎",
            new { product_name = "ノートPC", quantity = 2, unit_price = 89800.0m }, new { product_name = "-ケーブル, 2m \"太\"", quantity = 3, unit_price = 800.0m });
        _suzuki = await Create("suzuki@example.co.jp", "鈴木花子", new { product_name = "キーボード", quantity = 1, unit_price = 4500.0m });
    }

    private async Task<int> Create(string email, string name, params object[] items)
    {
        var (response, order) = await App.Orders.PostJson("/api/v1/orders", new { customer_email = email, customer_name = name, currency = "JPY", items });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), order.ToJsonString());
        return (int)order["id"]!;
    }

    [Test]
    public async Task The_search_box_finds_an_order_by_number_a_customer_by_email_or_japanese_name_and_a_payment_by_transaction_id()
    {
        var (_, payment) = await App.Payments.GetJson($"/api/v1/payments/order/{_suzuki}");
        var transaction = ((string)payment["transaction_id"]!)[..6];
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders");

        await page.FillAsync("form.search input[name='q']", "TANAKA.t");
        await page.PressAsync("form.search input[name='q']", "Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=TANAKA\.t$"));
        await Expect(page.Locator("[data-result='customers'] li")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-result='customers'] li a")).ToHaveTextAsync($"#{_tanaka}");
        await Browser.ScreenshotAsync(page, "search");

        foreach (var (text, result, expected) in new[]
                 {
                     ("鈴木", "customers", $"#{_suzuki}"), ($"#{_suzuki}", "order", $"#{_suzuki}"), (transaction, "payments", $"order #{_suzuki}"),
                 })
        {
            await page.FillAsync("form.search input[name='q']", text);
            await page.PressAsync("form.search input[name='q']", "Enter");
            await Expect(page.Locator($"[data-result='{result}']")).ToContainTextAsync(expected);
        }
        await page.GotoAsync($"{Url}/search?q=nobody-like-this");
        await Expect(page.Locator("main .empty")).ToContainTextAsync("Nothing matches");
    }

    [Test]
    public async Task List_filters_and_dates_live_in_the_url_and_back_returns_to_the_previous_ones()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders");
        await page.SelectOptionAsync("select[name=status]", "paid");
        await Expect(page).ToHaveURLAsync(new Regex(@"/orders\?status=paid$"));
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);

        await page.FillAsync("input[name=customer]", "suz");
        await page.ClickAsync("form.filters button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex(@"status=paid&customer=suz$"));
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("tbody tr")).ToHaveAttributeAsync("data-order-id", $"{_suzuki}");

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/orders\?status=paid$"));
        await Expect(page.Locator("input[name=customer]")).ToHaveValueAsync("");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);

        // Tomorrow onwards, in any time zone: nothing yet.
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.FillAsync("input[name=from]", tomorrow);
        await page.ClickAsync("form.filters button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex($"from={tomorrow}$"));
        await Expect(page.Locator("main .empty")).ToHaveTextAsync("No orders match.");
        // A shared link opens the same list.
        await page.GotoAsync($"{Url}/payments?from={tomorrow}");
        await Expect(page.Locator("input[name=from]")).ToHaveValueAsync(tomorrow);
        await Expect(page.Locator("main .empty")).ToHaveTextAsync("No payments.");
        await page.GotoAsync($"{Url}/notifications?template=ORDER_CONFIRMATION");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
    }

    [Test]
    public async Task The_orders_export_is_utf8_with_a_bom_in_the_import_templates_columns_and_imports_again_into_a_fresh_host()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders?customer=tanaka");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        var href = await page.Locator("a.export").GetAttributeAsync("href");
        Assert.That(href, Is.EqualTo("/export/orders.csv?customer=tanaka"), "a plain link holding the filters, for a script too");

        using var response = await App.Dashboard.GetAsync(href);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/csv; charset=utf-8"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(bytes[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "a UTF-8 BOM, so Excel reads the Japanese");
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("order_ref,customer_email,customer_name,currency,product_name,quantity,unit_price,order_id,status,created_at"));
        Assert.That(lines[1], Does.StartWith($"order-{_tanaka},Tanaka.Taro@example.co.jp,田中太郎,JPY,ノートPC,2,89800.0,{_tanaka},paid,"));
        Assert.That(lines[2], Does.StartWith($"order-{_tanaka},Tanaka.Taro@example.co.jp,田中太郎,JPY,\"'-ケーブル, 2m \"\"太\"\"\",3,800.0,"),
            "quoted, and a leading minus kept from being a formula");
        Assert.That(lines, Has.Length.EqualTo(3));

        await using var fresh = await EcommerceApp.StartAsync();
        var import = await Chromium.NewPageAsync();
        await import.GotoAsync($"http://127.0.0.1:{fresh.DashboardPort}/import");
        await ImportPageTests.Upload(import, Encoding.UTF8.GetString(bytes));
        await import.ClickAsync("button:has-text('Import 1 orders')");
        await Expect(import.Locator("[data-count=created]")).ToHaveTextAsync("Created: 1");

        var (_, original) = await App.Orders.GetJson($"/api/v1/orders/{_tanaka}");
        var copy = (await fresh.Orders.GetJson("/api/v1/orders")).Body.AsArray().Single()!;
        foreach (var field in new[] { "customer_email", "customer_name", "currency", "total_amount", "status" })
            Assert.That(copy[field]!.ToJsonString(), Is.EqualTo(original[field]!.ToJsonString()), field);
        Assert.That(copy["items"]!.AsArray().Select(Item), Is.EqualTo(original["items"]!.AsArray().Select(Item)));
    }

    private static string Item(JsonNode? item) => $"{item!["product_name"]} {item["quantity"]} {item["unit_price"]!.ToJsonString()}";

    [Test]
    public async Task Payments_and_notifications_export_too_and_a_bad_filter_is_the_apis_422_before_any_row()
    {
        var payments = await App.Dashboard.GetStringAsync("/export/payments.csv?status=completed");
        Assert.That(payments.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3));
        Assert.That(payments, Does.StartWith("\uFEFFpayment_id,order_id,status,amount,currency,payment_method,transaction_id,created_at,updated_at\r\n"));

        var notifications = await App.Dashboard.GetStringAsync("/export/notifications.csv?template_name=ORDER_CONFIRMATION");
        Assert.That(Csv.Parse(notifications).Skip(1).Select(row => row[4]), Is.EquivalentTo(new[] { "Tanaka.Taro@example.co.jp", "suzuki@example.co.jp" }));

        using var refused = await App.Dashboard.GetAsync("/export/orders.csv?from=yesterday");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("from"));
    }
}

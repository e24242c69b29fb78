using System.Text.RegularExpressions;
using Ecommerce.Dashboard.Api;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>The admin dashboard driven in a real browser against the real host.</summary>
[TestFixture]
[Category("Browser")]
public sealed class DashboardTests
{
    private EcommerceApp _app = null!;
    private Browser _browser = null!;
    private string _url = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        if (!Browser.IsInstalled) Assert.Ignore($"Chromium is not installed at {Browser.ChromiumPath} (apt-get install chromium; .ci/run does)");
        _app = new EcommerceApp();
        _browser = await Browser.LaunchAsync();
        _url = $"http://127.0.0.1:{_app.DashboardPort}";
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task<int> CreateOrder(decimal unitPrice = 89800.0m)
    {
        var (_, order) = await _app.Orders.PostJson("/api/v1/orders", Requests.Order(unitPrice));
        return (int)order["id"]!;
    }

    [Test]
    public async Task Given_the_new_order_form_When_submitted_Then_the_order_is_paid_and_listed()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync($"{_url}/orders/new");
        await page.FillAsync("#customer_email", "suzuki@example.co.jp");
        await page.FillAsync("#customer_name", "鈴木花子");
        await page.FillAsync("[aria-label='Product 1']", "キーボード");
        await page.FillAsync("[aria-label='Quantity 1']", "2");
        await page.FillAsync("[aria-label='Unit price 1']", "4500");
        await page.ClickAsync("text=Add item");
        await page.FillAsync("[aria-label='Product 2']", "マウスパッド");
        await page.FillAsync("[aria-label='Quantity 2']", "1");
        await page.FillAsync("[aria-label='Unit price 2']", "1200");
        await Browser.ScreenshotAsync(page, "new-order-form");
        await page.ClickAsync("button:has-text('Create order')");

        await Expect(page).ToHaveURLAsync(new Regex(@"/orders/\d+$"));
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("paid");
        await Expect(page.Locator("main")).ToContainTextAsync("¥10,200");
        await Expect(page.Locator(".notifications")).ToContainTextAsync("ORDER_CONFIRMATION");
        await Browser.ScreenshotAsync(page, "order-detail");

        await page.GotoAsync($"{_url}/orders");
        var row = page.Locator("tr", new() { HasText = "鈴木花子" }).First;
        await Expect(row.Locator(".badge")).ToHaveTextAsync("paid");
        await Expect(row).ToContainTextAsync("¥10,200");
        await Browser.ScreenshotAsync(page, "orders");
    }

    [Test]
    public async Task Given_invalid_input_Then_the_form_shows_messages_next_to_the_fields_and_sends_nothing()
    {
        var before = (await _app.Orders.GetJson("/api/v1/orders?limit=100")).Body.AsArray().Count;
        var page = await _browser.NewPageAsync();
        await page.GotoAsync($"{_url}/orders/new");
        await page.FillAsync("#customer_email", "not-an-email");
        await page.FillAsync("[aria-label='Quantity 1']", "0");
        await page.ClickAsync("button:has-text('Create order')");
        await Expect(page.Locator("[data-field='customer_email']")).ToContainTextAsync("@-sign");
        await Expect(page.Locator("[data-field='customer_name']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-field='items.0.quantity']")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "new-order-invalid");
        Assert.That((await _app.Orders.GetJson("/api/v1/orders?limit=100")).Body.AsArray(), Has.Count.EqualTo(before));
    }

    [Test]
    public async Task Given_a_paid_order_Then_it_can_be_shipped_and_a_refused_action_shows_the_apis_message()
    {
        var id = await CreateOrder();
        var page = await _browser.NewPageAsync();
        await page.GotoAsync($"{_url}/orders/{id}");
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("paid");
        await page.ClickAsync("button:has-text('Ship')");
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("shipped");
        await Expect(page.Locator(".notifications")).ToContainTextAsync("ORDER_SHIPPED");

        await page.ClickAsync("button:has-text('Cancel')");
        await Expect(page.Locator("[role=alert]")).ToHaveTextAsync("Cannot change order status from 'shipped' to 'cancelled'");
        await Browser.ScreenshotAsync(page, "order-refused-action");
    }

    [Test]
    public async Task Given_a_paid_order_Then_cancel_from_the_detail_page_refunds_it()
    {
        var id = await CreateOrder();
        var page = await _browser.NewPageAsync();
        await page.GotoAsync($"{_url}/orders/{id}");
        await page.ClickAsync("button:has-text('Cancel')");
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("cancelled");
        await Expect(page.Locator("[data-payment-status]")).ToHaveAttributeAsync("data-payment-status", "refunded");
        await Expect(page.Locator(".notifications")).ToContainTextAsync("ORDER_CANCELLED");
    }

    [Test]
    public async Task Given_a_completed_payment_Then_it_can_be_refunded_from_the_payments_page()
    {
        var id = await CreateOrder();
        var paymentId = (int)(await _app.Payments.GetJson($"/api/v1/payments/order/{id}")).Body["id"]!;
        var page = await _browser.NewPageAsync();
        await page.GotoAsync($"{_url}/payments?status=completed");
        var row = page.Locator($"tr[data-payment-id='{paymentId}']");
        await row.Locator("button:has-text('Refund')").ClickAsync();
        await row.Locator("[aria-label='Refund reason']").FillAsync("お客様都合");
        await row.Locator("button:has-text('Confirm refund')").ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync($"payment #{paymentId}");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("refunded");
        await Browser.ScreenshotAsync(page, "payments");
        Assert.That((string?)(await _app.Orders.GetJson($"/api/v1/orders/{id}")).Body["status"], Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task Given_notifications_Then_the_page_shows_the_japanese_subject_and_the_detail_its_body()
    {
        var id = await CreateOrder();
        var page = await _browser.NewPageAsync();
        await page.GotoAsync($"{_url}/notifications");
        await page.SelectOptionAsync("select[name=template]", "ORDER_CONFIRMATION");
        await Expect(page.Locator("td.subject", new() { HasText = $"ご注文確認 — 注文番号 #{id}" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "notifications");
        await page.Locator("tr", new() { HasText = $"注文番号 #{id}" }).Locator("a").First.ClickAsync();
        await Expect(page.Locator("pre.body")).ToContainTextAsync("田中太郎 様");
        await Browser.ScreenshotAsync(page, "notification-detail");
    }

    [Test]
    public async Task Given_the_orders_page_Then_one_load_makes_the_same_few_api_calls_however_many_rows()
    {
        var counter = _app.Service<ApiCallCounter>();
        async Task<long> CallsForOneLoad()
        {
            var page = await _browser.NewPageAsync();
            var before = counter.Count;
            await page.GotoAsync($"{_url}/orders");
            await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();
            await Expect(page.Locator(".health li.up")).ToHaveCountAsync(3);
            await page.WaitForTimeoutAsync(500);   // anything a page would still fetch has started by now
            return counter.Count - before;
        }

        await CreateOrder();
        var withFew = await CallsForOneLoad();
        for (var i = 0; i < 15; i++) await CreateOrder();
        var withMany = await CallsForOneLoad();
        Assert.That(withMany, Is.EqualTo(withFew), "calls must not grow with rows (the original's N+1)");
        Assert.That(withMany, Is.LessThanOrEqualTo(4), "orders list + three health checks");
    }

    [Test]
    public async Task Given_a_tablet_width_Then_the_orders_page_still_fits()
    {
        await CreateOrder();
        var page = await _browser.NewPageAsync(width: 768, height: 1024);
        await page.GotoAsync($"{_url}/orders");
        await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.That(overflow, Is.False, "the page must not scroll sideways at tablet width");
        await Browser.ScreenshotAsync(page, "orders-tablet");
    }
}

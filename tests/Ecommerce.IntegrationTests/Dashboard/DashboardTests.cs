using System.Text.RegularExpressions;
using Ecommerce.Dashboard.Api;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>The admin dashboard driven in a real browser against the real host.</summary>
[TestFixture]
[Category("Browser")]
// Live updates off: a change made by one test would reload the pages another left open, and the call counts below
// hold one page load to a bound (LiveUpdatesTests test the live updates).
public sealed class DashboardTests() : BrowserFixture(new Dictionary<string, string?> { ["Dashboard:LiveSeconds"] = "0" })
{

    private async Task<int> CreateOrder(decimal unitPrice = 89800.0m)
    {
        var (_, order) = await App.Orders.PostJson("/api/v1/orders", Requests.Order(unitPrice));
        return (int)order["id"]!;
    }

    [Test]
    public async Task Given_the_new_order_form_When_submitted_Then_the_order_is_paid_and_listed()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders/new");
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

        await page.GotoAsync($"{Url}/orders");
        var row = page.Locator("tr", new() { HasText = "鈴木花子" }).First;
        await Expect(row.Locator(".badge")).ToHaveTextAsync("paid");
        await Expect(row).ToContainTextAsync("¥10,200");
        await Browser.ScreenshotAsync(page, "orders");
    }

    [Test]
    public async Task Given_invalid_input_Then_the_form_shows_messages_next_to_the_fields_and_sends_nothing()
    {
        var before = (await App.Orders.GetJson("/api/v1/orders?limit=100")).Body.AsArray().Count;
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders/new");
        await page.FillAsync("#customer_email", "not-an-email");
        await page.FillAsync("[aria-label='Quantity 1']", "0");
        await page.ClickAsync("button:has-text('Create order')");
        await Expect(page.Locator("[data-field='customer_email']")).ToContainTextAsync("@-sign");
        await Expect(page.Locator("[data-field='customer_name']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-field='items.0.quantity']")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "new-order-invalid");
        Assert.That((await App.Orders.GetJson("/api/v1/orders?limit=100")).Body.AsArray(), Has.Count.EqualTo(before));
    }

    [Test]
    public async Task Given_an_order_Then_only_the_actions_of_its_status_are_offered_as_it_is_shipped_and_delivered()
    {
        var id = await CreateOrder();
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders/{id}");
        var actions = page.Locator(".actions button");
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("paid");
        await Expect(actions).ToHaveTextAsync(["Ship", "Cancel"]);

        await page.ClickAsync("button:has-text('Ship')");
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("shipped");
        await Expect(page.Locator(".notifications")).ToContainTextAsync("ORDER_SHIPPED");
        await Expect(actions).ToHaveTextAsync(["Deliver"]);

        await page.ClickAsync("button:has-text('Deliver')");
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("delivered");
        await Expect(actions).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Given_a_page_left_open_while_its_order_changes_Then_a_refused_action_shows_the_apis_message_and_the_new_state()
    {
        var id = await CreateOrder();
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders/{id}");
        await Expect(page.Locator(".actions button")).ToHaveTextAsync(["Ship", "Cancel"]);
        using (var cancelled = await App.Orders.DeleteAsync($"/api/v1/orders/{id}")) cancelled.EnsureSuccessStatusCode();   // another client

        await page.ClickAsync("button:has-text('Ship')");
        await Expect(page.Locator("[role=alert]")).ToHaveTextAsync("Cannot change order status from 'cancelled' to 'shipped'");
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("cancelled");
        await Expect(page.Locator(".actions button")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "order-refused-action");
    }

    [Test]
    public async Task Given_a_paid_order_Then_cancel_from_the_detail_page_refunds_it()
    {
        var id = await CreateOrder();
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders/{id}");
        await page.ClickAsync("button:has-text('Cancel')");
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("cancelled");
        await Expect(page.Locator("[data-payment-status]")).ToHaveAttributeAsync("data-payment-status", "refunded");
        await Expect(page.Locator(".notifications")).ToContainTextAsync("ORDER_CANCELLED");
    }

    [Test]
    public async Task Given_a_completed_payment_Then_it_can_be_refunded_from_the_payments_page()
    {
        var id = await CreateOrder();
        var paymentId = (int)(await App.Payments.GetJson($"/api/v1/payments/order/{id}")).Body["id"]!;
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/payments?status=completed");
        await Expect(page.Locator("select[name=status]")).ToHaveValueAsync("completed");   // the link's filter is applied
        var row = page.Locator($"tr[data-payment-id='{paymentId}']");
        await row.Locator("button:has-text('Refund')").ClickAsync();
        await row.Locator("[aria-label='Refund reason']").FillAsync("お客様都合");
        await row.Locator("button:has-text('Confirm refund')").ClickAsync();
        await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync($"Refunded ¥183,100 on payment #{paymentId}");
        await Expect(row).ToHaveCountAsync(0);   // refunded, it has left the list of completed payments
        await page.SelectOptionAsync("select[name=status]", "refunded");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("refunded");
        await Browser.ScreenshotAsync(page, "payments");
        Assert.That((string?)(await App.Orders.GetJson($"/api/v1/orders/{id}")).Body["status"], Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task Given_notifications_Then_the_page_shows_the_japanese_subject_and_the_detail_its_body()
    {
        var id = await CreateOrder();
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/notifications");
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
        var counter = App.Service<ApiCallCounter>();
        async Task<long> CallsForOneLoad()
        {
            var page = await Chromium.NewPageAsync();
            var before = counter.Count;
            await page.GotoAsync($"{Url}/orders");
            await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();
            await Expect(page.Locator(".health li.up")).ToHaveCountAsync(3);
            // Every part of the page has answered (the owed count is the last to fill in): its calls are all made.
            await Expect(page.Locator(".owed")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Owed: \d+$"));
            return counter.Count - before;
        }

        await CreateOrder();
        var withFew = await CallsForOneLoad();
        for (var i = 0; i < 15; i++) await CreateOrder();
        var withMany = await CallsForOneLoad();
        Assert.That(withMany, Is.EqualTo(withFew), "calls must not grow with rows (the original's N+1)");
        Assert.That(withMany, Is.LessThanOrEqualTo(7), "orders list + the owed count (Orders, Payments, Notifications) + three health checks");
    }

    [Test]
    public async Task Given_a_tablet_width_Then_the_orders_page_still_fits()
    {
        await CreateOrder();
        var page = await Chromium.NewPageAsync(width: 768, height: 1024);
        await page.GotoAsync($"{Url}/orders");
        await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.That(overflow, Is.False, "the page must not scroll sideways at tablet width");
        await Browser.ScreenshotAsync(page, "orders-tablet");
    }
}

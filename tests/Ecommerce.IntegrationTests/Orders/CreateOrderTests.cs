using System.Net;
using Microsoft.AspNetCore.Http;

namespace Ecommerce.IntegrationTests.Orders;

[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
[TestFixture(TestStore.SqlServer)]
public sealed class CreateOrderTests(string provider) : OrdersFixture(provider)
{
    [Test]
    public async Task Given_the_contracts_example_order_Then_it_is_paid_confirmed_and_shaped_as_the_original()
    {
        using var response = await App.Orders.PostAsync("/api/v1/orders/", Http.Json("""
            {"customer_email": "tanaka@example.co.jp", "customer_name": "田中太郎",
             "items": [{"product_name": "ノートPC", "quantity": 2, "unit_price": 89800.0},
                       {"product_name": "マウス", "quantity": 1, "unit_price": 3500.0}],
             "currency": "JPY"}
            """));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var raw = await response.Content.ReadAsStringAsync();
        var order = await response.ReadJson();
        var id = (int)order["id"]!;

        Assert.That(order.AsObject().Select(p => p.Key), Is.EqualTo(new[]
            { "id", "customer_email", "customer_name", "status", "total_amount", "currency", "created_at", "updated_at", "items" }));
        Assert.That((string?)order["status"], Is.EqualTo("paid"));
        Assert.That(raw, Does.Contain("\"total_amount\":183100.0,"));
        Assert.That(raw, Does.Contain("\"customer_name\":\"田中太郎\""));
        Assert.That(raw, Does.Contain("""{"product_name":"ノートPC","quantity":2,"unit_price":89800.0}""".TrimStart('{')));
        var items = order["items"]!.AsArray();
        Assert.That(items.Select(i => (int)i!["id"]!).ToList(), Is.Ordered.And.Unique.And.Count.EqualTo(2));
        Assert.That((string?)order["created_at"], Does.EndWith("Z"));
        Assert.That(DateTime.Parse((string)order["updated_at"]!), Is.GreaterThan(DateTime.Parse((string)order["created_at"]!)));

        var payment = await Orders.Payment(id);
        Assert.That((string?)payment!["status"], Is.EqualTo("completed"));
        Assert.That(payment.ToJsonString(), Does.Contain("\"amount\":183100.0"));
        var (_, notifications) = await App.Notifications.GetJson($"/api/v1/notifications/order/{id}");
        Assert.That(notifications.AsArray(), Has.Count.EqualTo(1));
        Assert.That((string?)notifications[0]!["template_name"], Is.EqualTo("ORDER_CONFIRMATION"));
        Assert.That((string?)notifications[0]!["subject"], Is.EqualTo($"ご注文確認 — 注文番号 #{id}"));
        Assert.That((string?)notifications[0]!["body"], Does.StartWith("田中太郎 様"));

        var (read, again) = await App.Orders.GetJson($"/api/v1/orders/{id}");
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(again.ToJsonString(), Is.EqualTo(order.ToJsonString()));
    }

    [Test]
    public async Task Given_an_order_above_the_payment_limit_Then_it_stays_pending_with_only_payment_failed()
    {
        var order = await Orders.Create(unitPrice: 600_000m);   // 2 × 600,000 + 3,500 > 1,000,000
        var id = (int)order["id"]!;
        Assert.That((string?)order["status"], Is.EqualTo("pending"));
        Assert.That(order.ToJsonString(), Does.Contain("\"total_amount\":1203500.0"));
        Assert.That(await Orders.Payment(id), Is.Null);
        Assert.That(await Orders.Emails(id), Is.EqualTo(new[] { "PAYMENT_FAILED" }));
    }

    [Test]
    public async Task Given_fractional_prices_Then_the_total_is_exact()
    {
        var (response, order) = await App.Orders.PostJson("/api/v1/orders", Http.Json("""
            {"customer_email":"a@example.com","customer_name":"A","items":[
              {"product_name":"x","quantity":3,"unit_price":0.1},{"product_name":"y","quantity":1,"unit_price":199.99}]}
            """));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(order.ToJsonString(), Does.Contain("\"total_amount\":200.29,"));
        Assert.That((string?)order["currency"], Is.EqualTo("JPY"));
    }

    [Test]
    public async Task Given_invalid_orders_Then_422_with_one_entry_per_problem_in_field_order()
    {
        var (response, body) = await App.Orders.PostJson("/api/v1/orders", Http.Json("""
            {"customer_email":"x","customer_name":"","items":[{"product_name":"p","quantity":1.5,"unit_price":"abc"}],"currency":"jpy"}
            """));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(body["detail"]!.AsArray().Select(e => $"{e!["type"]}:{e["loc"]!.ToJsonString()}"), Is.EqualTo(new[]
        {
            """value_error:["body","customer_email"]""",
            """string_too_short:["body","customer_name"]""",
            """int_from_float:["body","items",0,"quantity"]""",
            """float_parsing:["body","items",0,"unit_price"]""",
            """string_pattern_mismatch:["body","currency"]""",
        }));

        var (empty, emptyBody) = await App.Orders.PostJson("/api/v1/orders", Http.Json("""{"customer_email":"a@b.co","customer_name":"n","items":[]}"""));
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(emptyBody.ToJsonString(), Is.EqualTo(
            """{"detail":[{"type":"too_short","loc":["body","items"],"msg":"List should have at least 1 item after validation, not 0","input":[],"ctx":{"field_type":"List","min_length":1,"actual_length":0}}]}"""));
    }

    [Test]
    public async Task Given_orders_Then_the_list_is_paged_by_id_ascending_and_filtered()
    {
        for (var i = 0; i < 3; i++) await Orders.Create();
        var (response, page) = await App.Orders.GetJson("/api/v1/orders?skip=1&limit=2");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var ids = page.AsArray().Select(o => (int)o!["id"]!).ToList();
        Assert.That(ids, Has.Count.EqualTo(2).And.Ordered.Ascending);
        Assert.That(page[0]!["items"]!.AsArray(), Is.Not.Empty);
        var (_, paid) = await App.Orders.GetJson("/api/v1/orders?status=paid&limit=100");
        Assert.That(paid.AsArray().Select(o => (string?)o!["status"]), Is.All.EqualTo("paid"));
        var (bad, body) = await App.Orders.GetJson("/api/v1/orders?limit=0");
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(body.ToJsonString(), Is.EqualTo(
            """{"detail":[{"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}"""));
        var (missing, detail) = await App.Orders.GetJson("/api/v1/orders/999999");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)detail["detail"], Is.EqualTo("Order not found"));
    }
}

/// <summary>Failures of the other services never fail the order (D13, contract 5.1–5.2).</summary>
[TestFixture]
public sealed class CreateOrderFailureTests
{
    [Test]
    public async Task Given_payments_is_down_Then_the_order_is_201_pending_with_payment_failed()
    {
        await using var app = new EcommerceApp(new Dictionary<string, string?>
        {
            ["Services:Payments:BaseUrl"] = $"http://127.0.0.1:{EcommerceApp.FreePort()}/api/v1",
        });
        var order = await new OrderScenario(app).Create();
        Assert.That((string?)order["status"], Is.EqualTo("pending"));
        Assert.That(await new OrderScenario(app).Emails((int)order["id"]!), Is.EqualTo(new[] { "PAYMENT_FAILED" }));
    }

    [Test]
    public async Task Given_payments_slower_than_the_timeout_Then_the_order_is_201_pending()
    {
        await using var slowPayments = new StubServer(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { });
            context.Response.StatusCode = StatusCodes.Status201Created;
        });
        await using var app = new EcommerceApp(new Dictionary<string, string?>
        {
            ["Services:Payments:BaseUrl"] = slowPayments.BaseUrl,
            ["Services:Payments:TimeoutSeconds"] = "0.5",
        });
        var started = DateTime.UtcNow;
        var order = await new OrderScenario(app).Create();
        Assert.That((string?)order["status"], Is.EqualTo("pending"));
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(4)));
        Assert.That(slowPayments.Received.Single().Path, Is.EqualTo("/api/v1/payments"));
    }

    [Test]
    public async Task Given_payments_answering_500_many_times_Then_every_payment_failed_email_carries_its_reason()
    {
        // More failures than the circuit breaker's minimum (20 in 10 s): answers, even 5xx, must never open it, since the
        // reason they carry is what the customer's PAYMENT_FAILED email says.
        await using var failing = new StubServer(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"detail":"Card network down"}""");
        });
        await using var app = new EcommerceApp(new Dictionary<string, string?> { ["Services:Payments:BaseUrl"] = failing.BaseUrl });
        var ids = new List<int>();
        for (var i = 0; i < 30; i++) ids.Add((int)(await new OrderScenario(app).Create())["id"]!);
        Assert.That(failing.Received, Has.Count.EqualTo(30), "every order asked Payments");
        foreach (var id in new[] { ids[0], ids[^1] })
        {
            var (_, emails) = await app.Notifications.GetJson($"/api/v1/notifications/order/{id}");
            Assert.That((string?)emails[0]!["template_name"], Is.EqualTo("PAYMENT_FAILED"));
            Assert.That((string?)emails[0]!["body"], Does.Contain("Card network down"));
        }
    }

    [Test]
    public async Task Given_notifications_is_down_Then_the_order_is_still_paid()
    {
        await using var app = new EcommerceApp(new Dictionary<string, string?>
        {
            ["Services:Notifications:BaseUrl"] = $"http://127.0.0.1:{EcommerceApp.FreePort()}/api/v1",
        });
        var order = await new OrderScenario(app).Create();
        Assert.That((string?)order["status"], Is.EqualTo("paid"));
    }

    [Test]
    public async Task Given_notifications_over_its_rate_limit_Then_orders_are_still_created_and_paid()
    {
        await using var app = new EcommerceApp(new Dictionary<string, string?> { ["Notifications:RateLimitPerSecond"] = "1" });
        var orders = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new OrderScenario(app).Create()));
        Assert.That(orders.Select(o => (string?)o["status"]), Is.All.EqualTo("paid"));
        // The limit was met: the emails Notifications answered with 429 are owed (until at least its Retry-After).
        var (_, owed) = await app.Orders.GetJson("/api/v1/orders/owed");
        Assert.That((int)owed["count"]!, Is.GreaterThanOrEqualTo(1), "at 1 email a second, 4 orders at once met a 429");
    }
}

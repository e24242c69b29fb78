using System.Globalization;
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
        Assert.That(DateTime.Parse((string)order["updated_at"]!, CultureInfo.InvariantCulture), Is.GreaterThan(DateTime.Parse((string)order["created_at"]!, CultureInfo.InvariantCulture)));

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

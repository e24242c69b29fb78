using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Ecommerce.IntegrationTests.Bulk;

[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
[TestFixture(TestStore.SqlServer)]
public sealed class BulkTests(string provider) : HostFixture(provider, new Dictionary<string, string?>
{
    // The product's default notification limit: a batch is one request, so imports never need it raised.
    ["Notifications:RateLimitPerSecond"] = null,
    ["Orders:BulkChunkSize"] = "7",
})
{

    private static string Order(string reference, decimal price = 89800.0m, string email = "tanaka@example.co.jp") =>
        $$"""{"external_id":"{{reference}}","customer_email":"{{email}}","customer_name":"田中太郎","items":[{"product_name":"ノートPC","quantity":2,"unit_price":{{price}}},{"product_name":"マウス","quantity":1,"unit_price":3500.0}]}""";

    private static StringContent Bulk(IEnumerable<string> orders) => Http.Json("{\"orders\":[" + string.Join(",", orders) + "]}");

    [Test]
    public async Task Given_valid_and_invalid_orders_Then_valid_ones_are_created_paid_and_confirmed_and_others_reported()
    {
        var prefix = Guid.NewGuid().ToString("N");
        var orders = Enumerable.Range(0, 30).Select(i => i == 3
            ? """{"customer_email":"bad","customer_name":"","items":[]}"""
            : Order($"{prefix}-{i}", price: i == 5 ? 600_000m : 89800.0m)).ToList();
        var (response, body) = await App.Orders.PostJson("/api/v1/orders/bulk", Bulk(orders));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(((int)body["created"]!, (int)body["existing"]!, (int)body["failed"]!), Is.EqualTo((29, 0, 1)));
        var results = body["results"]!.AsArray();
        Assert.That(results.Select(r => (int)r!["index"]!), Is.EqualTo(Enumerable.Range(0, 30)));
        Assert.That((string?)results[3]!["status"], Is.EqualTo("invalid"));
        Assert.That(results[3]!["errors"]!.AsArray().Select(e => e!["loc"]!.ToJsonString()), Does.Contain("""["body","orders",3,"customer_email"]"""));
        Assert.That((string?)results[5]!["order"]!["status"], Is.EqualTo("pending"), "over the payment limit");

        foreach (var result in results.Where(r => (string?)r!["status"] == "created" && (int)r["index"]! != 5))
        {
            var order = result!["order"]!;
            Assert.That((string?)order["status"], Is.EqualTo("paid"));
            Assert.That(order.ToJsonString(), Does.Contain("\"total_amount\":183100.0"));
            var (read, stored) = await App.Orders.GetJson($"/api/v1/orders/{order["id"]}");
            Assert.That(JsonNode.DeepEquals(stored, order), Is.True, "the bulk answer shows each order as it is stored");
        }
        var someId = (int)results[0]!["order"]!["id"]!;
        Assert.That((string?)(await App.Payments.GetJson($"/api/v1/payments/order/{someId}")).Body["status"], Is.EqualTo("completed"));
        var emails = (await App.Notifications.GetJson($"/api/v1/notifications/order/{someId}")).Body.AsArray();
        Assert.That(emails.Select(e => (string?)e!["template_name"]), Is.EqualTo(new[] { "ORDER_CONFIRMATION" }));
        var failedId = (int)results[5]!["order"]!["id"]!;
        Assert.That((await App.Notifications.GetJson($"/api/v1/notifications/order/{failedId}")).Body.AsArray()
            .Select(e => (string?)e!["template_name"]), Is.EqualTo(new[] { "PAYMENT_FAILED" }));
    }

    [Test]
    public async Task Given_the_same_file_sent_twice_Then_nothing_is_created_twice()
    {
        var prefix = Guid.NewGuid().ToString("N");
        var orders = Enumerable.Range(0, 10).Select(i => Order($"{prefix}-{i}")).Append(Order($"{prefix}-0")).ToList();
        var (_, first) = await App.Orders.PostJson("/api/v1/orders/bulk", Bulk(orders));
        Assert.That(((int)first["created"]!, (int)first["existing"]!), Is.EqualTo((10, 1)), "a reference repeated in one file is created once");
        Assert.That((int)first["results"]![10]!["order"]!["id"]!, Is.EqualTo((int)first["results"]![0]!["order"]!["id"]!));

        var (_, second) = await App.Orders.PostJson("/api/v1/orders/bulk", Bulk(orders));
        Assert.That(((int)second["created"]!, (int)second["existing"]!), Is.EqualTo((0, 11)));
        Assert.That(second["results"]!.AsArray().Select(r => (int)r!["order"]!["id"]!),
            Is.EqualTo(first["results"]!.AsArray().Select(r => (int)r!["order"]!["id"]!)));
        var ids = first["results"]!.AsArray().Select(r => (int)r!["order"]!["id"]!).Distinct();
        foreach (var id in ids)
            Assert.That((await App.Notifications.GetJson($"/api/v1/notifications/order/{id}")).Body.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Given_two_concurrent_imports_of_one_file_Then_each_reference_is_created_once()
    {
        var prefix = Guid.NewGuid().ToString("N");
        var file = Enumerable.Range(0, 20).Select(i => Order($"{prefix}-{i}")).ToList();
        var responses = await Task.WhenAll(
            App.Orders.PostJson("/api/v1/orders/bulk", Bulk(file)), App.Orders.PostJson("/api/v1/orders/bulk", Bulk(file)));
        Assert.That(responses.Select(r => r.Response.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(responses.Sum(r => (int)r.Body["created"]!), Is.EqualTo(20));
        Assert.That(responses.Sum(r => (int)r.Body["existing"]!), Is.EqualTo(20));
    }

    [Test]
    public async Task Given_more_than_ten_thousand_orders_Then_413_and_nothing_is_written()
    {
        var before = (await App.Orders.GetJson("/api/v1/orders?limit=100&skip=0")).Body.AsArray().Count;
        var tiny = """{"customer_email":"a@b.co","customer_name":"n","items":[{"product_name":"p","quantity":1,"unit_price":100}]}""";
        var (response, body) = await App.Orders.PostJson("/api/v1/orders/bulk", Bulk(Enumerable.Repeat(tiny, 10_001)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((string?)body["detail"], Is.EqualTo("Too many orders: 10001; at most 10000 per request"));
        Assert.That((await App.Orders.GetJson("/api/v1/orders?limit=100&skip=0")).Body.AsArray(), Has.Count.EqualTo(before));
    }

    [Test]
    public async Task Given_a_bulk_body_over_its_limit_Then_413_with_detail()
    {
        var huge = new StringBuilder("{\"orders\":[\"").Append('x', 65 * 1024 * 1024).Append("\"]}");
        // As curl does for large bodies: the server's 413 arrives before the 65 MiB are sent. The client waits for it as long
        // as it takes (HttpClient's default is 1 s, then it streams the body): on a busy machine the answer may be slower,
        // and the server then closes the connection under the body, which would fail this test for the wrong reason.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) })
        {
            BaseAddress = App.Orders.BaseAddress,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders/bulk") { Content = Http.Json(huge.ToString()) };
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Request body too large"}"""));
    }

    [Test]
    public async Task Given_a_payments_process_that_ignores_Prefer_Then_the_full_answer_still_decides_each_order()
    {
        // An older Payments in its own process: full payments, no payment_status, no webhook; the second order refused.
        await using var payments = new StubServer(async context =>
        {
            context.Response.ContentType = "application/json";
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, """
                {"created":1,"failed":1,"results":[
                 {"index":0,"status":"created","payment":{"id":1,"order_id":1,"amount":183100.0,"status":"completed","transaction_id":"t"}},
                 {"index":1,"status":"rejected","detail":"Payment already exists"}]}
                """);
        });
        await using var app = await EcommerceApp.StartAsync(TestStore.On(Provider, new Dictionary<string, string?>
        {
            ["Services:Payments:BaseUrl"] = payments.BaseUrl,
            ["Notifications:RateLimitPerSecond"] = null,
        }));
        var prefix = Guid.NewGuid().ToString("N");
        var (_, body) = await app.Orders.PostJson("/api/v1/orders/bulk", Bulk([Order($"{prefix}-0"), Order($"{prefix}-1")]));
        Assert.That(body["results"]!.AsArray().Select(r => (string?)r!["order"]!["status"]), Is.EqualTo(new[] { "paid", "pending" }));
        Assert.That(payments.Received.Single().Path, Is.EqualTo("/api/v1/payments/batch"));
    }

    [Test]
    public async Task Given_a_payment_batch_Then_each_item_follows_the_single_rules_and_orders_get_one_webhook_call()
    {
        await using var orders = new StubServer(context => { context.Response.StatusCode = 200; return Task.CompletedTask; });
        await using var app = await EcommerceApp.StartAsync(TestStore.On(Provider, new Dictionary<string, string?>
        {
            ["Modules:Enabled"] = "Payments",
            ["Services:Orders:BaseUrl"] = orders.BaseUrl,
        }));
        var (response, body) = await app.Payments.PostJson("/api/v1/payments/batch", new
        {
            payments = new object[]
            {
                new { order_id = 1, amount = 1000 }, new { order_id = 2, amount = 99.99 }, new { order_id = 1, amount = 500 },
                new { order_id = 3, amount = "abc" }, new { order_id = 4, amount = 1_000_000 }, new { order_id = 2, amount = 200 },
            },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(((int)body["created"]!, (int)body["failed"]!), Is.EqualTo((3, 3)));
        // Order 2's first payment was refused for its amount, so its second one is the first real one.
        Assert.That(body["results"]!.AsArray().Select(r => (string?)r!["status"]),
            Is.EqualTo(new[] { "created", "rejected", "rejected", "invalid", "created", "created" }));
        Assert.That((string?)body["results"]![2]!["detail"], Is.EqualTo("Payment already exists for order 1"));
        var webhook = orders.Received.Single();
        Assert.That(webhook.Path, Is.EqualTo("/api/v1/orders/webhook/batch"));
        Assert.That(JsonNode.Parse(webhook.Body)!["webhooks"]!.AsArray().Select(w => (int)w!["order_id"]!), Is.EqualTo(new[] { 1, 4, 2 }));
    }

    [Test]
    public async Task Given_a_webhook_batch_Then_each_item_is_applied_not_found_rejected_or_refunded_on_its_own()
    {
        async Task<int> NewOrderAsync() => (int)(await App.Orders.PostJson("/api/v1/orders/", Requests.Order())).Body["id"]!;
        var paid = await NewOrderAsync();
        var refunded = await NewOrderAsync();
        var cancelled = await NewOrderAsync();
        using (var cancel = await App.Orders.DeleteAsync($"/api/v1/orders/{cancelled}")) Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        const int unknown = 987_654_321;

        var (response, body) = await App.Orders.PostJson("/api/v1/orders/webhook/batch", new
        {
            webhooks = new object[]
            {
                new { order_id = paid, payment_status = "completed", transaction_id = "t1" },      // a retried webhook: nothing to change
                new { order_id = unknown, payment_status = "completed", transaction_id = "t2" },
                new { order_id = cancelled, payment_status = "completed", transaction_id = "t3" },
                new { order_id = paid, payment_status = "failed", transaction_id = "t4" },
                new { order_id = refunded, payment_status = "refunded", transaction_id = "t5" },
                new { order_id = unknown, payment_status = "refunded", transaction_id = "t6" },
                new { order_id = "x", payment_status = "completed", transaction_id = "t7" },
            },
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var results = body["results"]!.AsArray();
        Assert.That(results.Select(r => (string?)r!["status"]),
            Is.EqualTo(new[] { "applied", "not_found", "rejected", "rejected", "applied", "not_found", "invalid" }));
        Assert.That((int)body["applied"]!, Is.EqualTo(2));
        Assert.That((string?)results[1]!["detail"], Is.EqualTo("Order not found"));
        Assert.That((string?)results[2]!["detail"], Is.EqualTo("Cannot change order status from 'cancelled' to 'paid'"));
        Assert.That((string?)results[3]!["detail"], Is.EqualTo("Cannot record a failed payment for an order in status 'paid'"));
        Assert.That((string?)results[6]!["errors"]![0]!["type"], Is.EqualTo("int_parsing"));

        Assert.That((string?)(await App.Orders.GetJson($"/api/v1/orders/{paid}")).Body["status"], Is.EqualTo("paid"));
        Assert.That((string?)(await App.Orders.GetJson($"/api/v1/orders/{refunded}")).Body["status"], Is.EqualTo("cancelled"));
        Assert.That(await Eventually.TrueAsync(async () =>
            (await App.Notifications.GetJson($"/api/v1/notifications/order/{refunded}")).Body.AsArray()
                .Any(n => (string?)n!["template_name"] == "ORDER_CANCELLED"), TimeSpan.FromSeconds(30)), "the refunded order's customer is told");
    }

    [Test]
    public async Task Given_an_email_batch_Then_it_counts_once_against_the_rate_limit()
    {
        // Its own Notifications on a clock that stands still: the 11 batches fall in one window however slow the machine.
        await using var notifications = await EcommerceApp.StartAsync(TestStore.On(Provider, new Dictionary<string, string?>
        {
            ["Modules:Enabled"] = "Notifications",
            ["Notifications:RateLimitPerSecond"] = null,
        }), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
        var emails = Enumerable.Range(0, 50).Select(i => Requests.Email(900_000 + i)).ToArray();
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            notifications.Notifications.PostAsync("/api/v1/notifications/email/batch", Http.Json(new { notifications = emails }))));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var body = await responses[0].ReadJson();
        Assert.That((int)body["created"]!, Is.EqualTo(50));
        Assert.That((string?)body["results"]![0]!["notification"]!["subject"], Is.EqualTo("ご注文確認 — 注文番号 #900000"));
        using var eleventh = await notifications.Notifications.PostAsync("/api/v1/notifications/email/batch", Http.Json(new { notifications = emails }));
        Assert.That(eleventh.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task Given_Prefer_return_minimal_Then_a_batch_answers_outcomes_and_ids_without_the_messages()
    {
        var messages = new object[]
        {
            new { order_id = 800_101, to_phone = "+819012345678", template_name = "ORDER_SHIPPED" },
            new { order_id = 800_102, to_phone = "+819012345678", template_name = "NOPE" },
        };
        using var minimal = new HttpRequestMessage(HttpMethod.Post, "/api/v1/notifications/sms/batch") { Content = Http.Json(new { notifications = messages }) };
        minimal.Headers.Add("Prefer", "return=minimal");
        using var response = await App.Notifications.SendAsync(minimal);
        var body = await response.ReadJson();
        Assert.That(response.Headers.GetValues("Preference-Applied"), Is.EqualTo(new[] { "return=minimal" }));
        var created = body["results"]![0]!.AsObject();
        Assert.That(created.Select(p => p.Key), Is.EquivalentTo(new[] { "index", "status", "id" }));
        Assert.That((string?)body["results"]![1]!["status"], Is.EqualTo("rejected"));
        var (_, stored) = await App.Notifications.GetJson($"/api/v1/notifications/{(int)created["id"]!}");
        Assert.That((int)stored["order_id"]!, Is.EqualTo(800_101), "the id is the stored notification's");

        // Without the preference the answer is complete, as before.
        var (_, full) = await App.Notifications.PostJson("/api/v1/notifications/sms/batch", new { notifications = messages });
        Assert.That((string?)full["results"]![0]!["notification"]!["template_name"], Is.EqualTo("ORDER_SHIPPED"));
        Assert.That((int)full["results"]![0]!["id"]!, Is.EqualTo((int)full["results"]![0]!["notification"]!["id"]!));
    }

    [Test]
    public async Task Given_Prefer_return_minimal_Then_a_payment_batch_answers_ids_and_payment_statuses_only()
    {
        using var minimal = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/batch")
        {
            Content = Http.Json(new { payments = new object[] { new { order_id = 700_001, amount = 5000.0 }, new { order_id = 700_002, amount = 50.0 } } }),
        };
        minimal.Headers.Add("Prefer", "return=minimal");
        using var response = await App.Payments.SendAsync(minimal);
        var body = await response.ReadJson();
        Assert.That(response.Headers.GetValues("Preference-Applied"), Is.EqualTo(new[] { "return=minimal" }));
        var created = body["results"]![0]!.AsObject();
        Assert.That(created.Select(p => p.Key), Is.EquivalentTo(new[] { "index", "status", "id", "payment_status" }));
        Assert.That((string?)created["payment_status"], Is.EqualTo("completed"));
        Assert.That((string?)body["results"]![1]!["status"], Is.EqualTo("rejected"), "below the 100 minimum");
        var (_, stored) = await App.Payments.GetJson($"/api/v1/payments/{(int)created["id"]!}");
        Assert.That((int)stored["order_id"]!, Is.EqualTo(700_001));
    }

    [Test]
    public async Task Given_an_sms_batch_Then_valid_messages_are_sent_and_bad_ones_reported_by_index()
    {
        var (response, body) = await App.Notifications.PostJson("/api/v1/notifications/sms/batch", new
        {
            notifications = new object[]
            {
                new { order_id = 800_001, to_phone = "+819012345678", template_name = "ORDER_SHIPPED", template_data = new { customer_name = "田中太郎" } },
                new { order_id = 800_002, to_phone = "090", template_name = "ORDER_SHIPPED" },
                new { order_id = 800_003, to_phone = "+819012345678", template_name = "NOPE" },
            },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["results"]!.AsArray().Select(r => (string?)r!["status"]), Is.EqualTo(new[] { "created", "invalid", "rejected" }));
        var sms = body["results"]![0]!["notification"]!;
        Assert.That(((string?)sms["channel"], sms["subject"]), Is.EqualTo(("sms", (System.Text.Json.Nodes.JsonNode?)null)));
        Assert.That((string?)sms["body"], Does.Contain("田中太郎"));
    }
}

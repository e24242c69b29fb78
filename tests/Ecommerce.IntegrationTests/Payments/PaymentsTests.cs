using System.Net;
using System.Text.Json.Nodes;

namespace Ecommerce.IntegrationTests.Payments;

[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
[TestFixture(TestStore.SqlServer)]
public sealed class PaymentsTests(string provider) : HostFixture(provider)
{
    private StubServer _orders = null!;
    private int _nextOrderId = 1000;

    /// <summary>Payments alone, its webhook pointed at a double of Orders that records what it receives.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings()
    {
        _orders = new StubServer(context => { context.Response.StatusCode = 200; return Task.CompletedTask; });
        return new Dictionary<string, string?> { ["Modules:Enabled"] = "Payments", ["Services:Orders:BaseUrl"] = _orders.BaseUrl };
    }

    [OneTimeTearDown]
    public async Task StopStub()
    {
        if (_orders is not null) await _orders.DisposeAsync();
    }

    private int NewOrderId() => Interlocked.Increment(ref _nextOrderId);

    [Test]
    public async Task Given_a_valid_payment_Then_201_with_the_contracts_shape()
    {
        var orderId = NewOrderId();
        var (response, body) = await App.Payments.PostJson("/api/v1/payments/", Requests.Payment(orderId, 183100));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(body.AsObject().Select(p => p.Key), Is.EqualTo(new[]
            { "id", "order_id", "amount", "currency", "status", "payment_method", "transaction_id", "created_at", "updated_at" }));
        Assert.That((int)body["order_id"]!, Is.EqualTo(orderId));
        Assert.That((string?)body["status"], Is.EqualTo("completed"));
        Assert.That((string?)body["payment_method"], Is.EqualTo("credit_card"));
        Assert.That(Guid.TryParse((string?)body["transaction_id"], out _), Is.True);
        Assert.That(body.ToJsonString(), Does.Contain("\"amount\":183100.0"));
        Assert.That((string?)body["created_at"], Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$"));
    }

    [TestCase("1999.99", "1999.99")]
    [TestCase("100", "100.0")]
    [TestCase("1000000", "1000000.0")]
    public async Task Given_an_amount_Then_it_round_trips_as_a_python_float(string amount, string written)
    {
        var orderId = NewOrderId();
        using var response = await App.Payments.PostAsync("/api/v1/payments", Http.Json($$"""{"order_id":{{orderId}},"amount":{{amount}}}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain($"\"amount\":{written},"));
        var stored = await (await App.Payments.GetAsync($"/api/v1/payments/order/{orderId}")).Content.ReadAsStringAsync();
        Assert.That(stored, Does.Contain($"\"amount\":{written},"));
    }

    [TestCase("99.99")]
    [TestCase("1000000.01")]
    [TestCase("0")]
    [TestCase("-5")]
    public async Task Given_an_amount_outside_the_limits_Then_400_naming_them(string amount)
    {
        using var response = await App.Payments.PostAsync("/api/v1/payments", Http.Json($$"""{"order_id":{{NewOrderId()}},"amount":{{amount}}}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var detail = (string?)(await response.ReadJson())["detail"];
        Assert.That(detail, Does.Contain("100").And.Contain("1,000,000"));
    }

    [Test]
    public async Task Given_a_second_payment_for_an_order_Then_400_already_exists()
    {
        var orderId = NewOrderId();
        await App.Payments.PostJson("/api/v1/payments", Requests.Payment(orderId));
        var (response, body) = await App.Payments.PostJson("/api/v1/payments", Requests.Payment(orderId));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)body["detail"], Is.EqualTo($"Payment already exists for order {orderId}"));
    }

    [Test]
    public async Task Given_eight_concurrent_payments_for_one_order_Then_exactly_one_wins()
    {
        for (var round = 0; round < 3; round++)
        {
            var orderId = NewOrderId();
            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
                App.Payments.PostAsync("/api/v1/payments", Http.Json(Requests.Payment(orderId)))));
            var codes = responses.Select(r => r.StatusCode).ToList();
            Assert.That(codes.Count(c => c == HttpStatusCode.Created), Is.EqualTo(1), string.Join(",", codes));
            Assert.That(codes.Count(c => c == HttpStatusCode.BadRequest), Is.EqualTo(7), string.Join(",", codes));
        }
    }

    [Test]
    public async Task Given_bad_schema_Then_422_in_fastapis_shape()
    {
        var (nonNumeric, body) = await App.Payments.PostJson("/api/v1/payments", Http.Json("""{"order_id":1,"amount":"abc"}"""));
        Assert.That(nonNumeric.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(body.ToJsonString(), Is.EqualTo(
            """{"detail":[{"type":"float_parsing","loc":["body","amount"],"msg":"Input should be a valid number, unable to parse string as a number","input":"abc"}]}"""));

        var (missing, missingBody) = await App.Payments.PostJson("/api/v1/payments", Http.Json("""{"amount":500}"""));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((string?)missingBody["detail"]![0]!["type"], Is.EqualTo("missing"));

        var (zero, zeroBody) = await App.Payments.PostJson("/api/v1/payments", Http.Json("""{"order_id":0,"amount":500}"""));
        Assert.That(zero.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((string?)zeroBody["detail"]![0]!["type"], Is.EqualTo("greater_than_equal"));
    }

    [Test]
    public async Task Given_a_payment_Then_it_can_be_read_by_id_and_by_order()
    {
        var orderId = NewOrderId();
        var (_, created) = await App.Payments.PostJson("/api/v1/payments", Requests.Payment(orderId));
        var (byId, payment) = await App.Payments.GetJson($"/api/v1/payments/{created["id"]}");
        var (byOrder, same) = await App.Payments.GetJson($"/api/v1/payments/order/{orderId}");
        Assert.That((byId.StatusCode, byOrder.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        Assert.That(JsonNode.DeepEquals(payment, created) && JsonNode.DeepEquals(same, created), Is.True);

        var (missing, detail) = await App.Payments.GetJson("/api/v1/payments/999999");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)detail["detail"], Is.EqualTo("Payment not found"));
        var (noPayment, _) = await App.Payments.GetJson("/api/v1/payments/order/999999");
        Assert.That(noPayment.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Given_payments_Then_the_list_is_paged_by_id_and_filtered_by_status()
    {
        for (var i = 0; i < 3; i++) await App.Payments.PostJson("/api/v1/payments", Requests.Payment(NewOrderId()));
        var (response, page) = await App.Payments.GetJson("/api/v1/payments?skip=1&limit=2&status=completed");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var ids = page.AsArray().Select(p => (int)p!["id"]!).ToList();
        Assert.That(ids, Has.Count.EqualTo(2).And.Ordered);
        Assert.That(page.AsArray().Select(p => (string?)p!["status"]), Is.All.EqualTo("completed"));
        var (tooMany, _) = await App.Payments.GetJson("/api/v1/payments?limit=101");
        Assert.That(tooMany.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
    }

    [Test]
    public async Task Given_a_completed_payment_Then_a_refund_is_full_final_and_reported_to_orders()
    {
        var orderId = NewOrderId();
        var (_, payment) = await App.Payments.PostJson("/api/v1/payments", Requests.Payment(orderId, 1999.99m));
        var (response, refund) = await App.Payments.PostJson("/api/v1/payments/refund",
            new { payment_id = (int)payment["id"]!, reason = "Order cancelled by customer" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(refund.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "id", "payment_id", "amount", "reason", "status", "created_at" }));
        Assert.That(refund.ToJsonString(), Does.Contain("\"amount\":1999.99"));
        Assert.That((string?)refund["status"], Is.EqualTo("completed"));

        var (_, after) = await App.Payments.GetJson($"/api/v1/payments/{payment["id"]}");
        Assert.That((string?)after["status"], Is.EqualTo("refunded"));
        var (again, detail) = await App.Payments.PostJson("/api/v1/payments/refund", new { payment_id = (int)payment["id"]!, reason = "again" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)detail["detail"], Does.Contain("not completed"));

        var webhooks = _orders.Received.Where(r => r.Path == $"/api/v1/orders/{orderId}/webhook").ToList();
        Assert.That(webhooks.Select(w => JsonNode.Parse(w.Body)!["payment_status"]!.GetValue<string>()), Is.EqualTo(new[] { "completed", "refunded" }));
        Assert.That((string?)JsonNode.Parse(webhooks[0].Body)!["transaction_id"], Is.EqualTo((string?)payment["transaction_id"]));
        Assert.That(webhooks[0].ContentType, Does.StartWith("application/json"));
    }

    [Test]
    public async Task Given_a_refund_for_an_unknown_payment_or_without_reason_Then_404_or_422()
    {
        var (unknown, _) = await App.Payments.PostJson("/api/v1/payments/refund", new { payment_id = 987654, reason = "x" });
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var (noReason, body) = await App.Payments.PostJson("/api/v1/payments/refund", new { payment_id = 1 });
        Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(body["detail"]![0]!["loc"]!.ToJsonString(), Is.EqualTo("""["body","reason"]"""));
    }

    [Test]
    public async Task Given_orders_is_down_Then_the_payment_is_still_201()
    {
        await using var app = await EcommerceApp.StartAsync(TestStore.On(Provider, new Dictionary<string, string?>
        {
            ["Modules:Enabled"] = "Payments",
            ["Services:Orders:BaseUrl"] = $"http://127.0.0.1:{FreePorts.Next()}/api/v1",
        }));
        var (response, body) = await app.Payments.PostJson("/api/v1/payments", Requests.Payment(1));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)body["status"], Is.EqualTo("completed"));
    }
}

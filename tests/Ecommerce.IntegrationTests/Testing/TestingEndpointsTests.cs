using System.Net;
using System.Text.Json.Nodes;

namespace Ecommerce.IntegrationTests.Testing;

/// <summary>
/// Testing:Enabled=true, as an integration tester runs it: POST /testing/reset empties a module and restarts its ids,
/// faults make a module fail on purpose and the rest of the chain reacts as the contract says. Each test starts from a
/// reset, which is what it tests first.
/// </summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
[TestFixture(TestStore.SqlServer)]
public sealed class TestingEndpointsTests(string provider) : HostFixture(provider, new Dictionary<string, string?> { ["Testing:Enabled"] = "true" })
{
    [SetUp]
    public async Task Reset()
    {
        using var response = await App.Dashboard.PostAsync("/testing/reset", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Reset_on_the_dashboard_port_empties_every_module_and_ids_start_again_at_1()
    {
        for (var i = 0; i < 3; i++) await CreateOrderAsync();
        using (var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders/") { Content = Http.Json(Requests.Order()) })
        {
            keyed.Headers.Add("Idempotency-Key", "the-same-key");
            Assert.That((await App.Orders.SendAsync(keyed)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using (var reset = await App.Dashboard.PostAsync("/testing/reset", null)) Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That((await App.Orders.GetJson("/api/v1/orders/")).Body.AsArray(), Is.Empty);
        Assert.That((await App.Payments.GetJson("/api/v1/payments/")).Body.AsArray(), Is.Empty);
        Assert.That((await App.Notifications.GetJson("/api/v1/notifications/")).Body.AsArray(), Is.Empty);
        var order = await CreateOrderAsync();
        Assert.That((int)order["id"]!, Is.EqualTo(1));
        Assert.That((int)(await App.Payments.GetJson("/api/v1/payments/order/1")).Body["id"]!, Is.EqualTo(1));
        Assert.That((int)(await App.Notifications.GetJson("/api/v1/notifications/order/1")).Body[0]!["id"]!, Is.EqualTo(1));
        // The idempotency key is forgotten: the same key with another body is a new request, not a 422.
        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders/") { Content = Http.Json(Requests.Order(unitPrice: 100m)) };
        again.Headers.Add("Idempotency-Key", "the-same-key");
        Assert.That((await App.Orders.SendAsync(again)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Reset_on_one_modules_port_empties_that_module_only()
    {
        await CreateOrderAsync();
        using (var reset = await App.Notifications.PostAsync("/testing/reset", null)) Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await App.Notifications.GetJson("/api/v1/notifications/")).Body.AsArray(), Is.Empty);
        Assert.That((await App.Orders.GetJson("/api/v1/orders/")).Body.AsArray(), Has.Count.EqualTo(1));
        Assert.That((await App.Payments.GetJson("/api/v1/payments/")).Body.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Reset_empties_the_outbox()
    {
        // Notifications refuses the confirmation once: Orders owes it.
        await AddFaultAsync(App.Notifications, new { mode = "error", status = 503, path = "/api/v1/notifications/email", count = 1 });
        await CreateOrderAsync();
        Assert.That((int)(await App.Orders.GetJson("/api/v1/orders/owed")).Body["count"]!, Is.GreaterThanOrEqualTo(1));
        using (var reset = await App.Orders.PostAsync("/testing/reset", null)) Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((int)(await App.Orders.GetJson("/api/v1/orders/owed")).Body["count"]!, Is.Zero);
    }

    [Test]
    public async Task A_Payments_500_makes_the_next_order_pending_with_PAYMENT_FAILED_and_the_one_after_it_paid()
    {
        var (created, fault) = await App.Payments.PostJson("/testing/faults", new { mode = "error", status = 500, method = "POST", path = "/api/v1/payments/", count = 1 });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(fault.ToJsonString(), Is.EqualTo("""
            {"id":FAULT,"module":"Payments","mode":"error","status":500,"delay_ms":2000,"remaining":1,"probability":1.0,"method":"POST","path":"/api/v1/payments/","matched":0}
            """.Replace("FAULT", $"{(int)fault["id"]!}")));

        var failed = await CreateOrderAsync();
        Assert.That((string?)failed["status"], Is.EqualTo("pending"));
        Assert.That(await TemplatesAsync((int)failed["id"]!), Is.EqualTo(new[] { "PAYMENT_FAILED" }));
        var paid = await CreateOrderAsync();
        Assert.That((string?)paid["status"], Is.EqualTo("paid"));
        Assert.That((await App.Payments.GetJson("/testing/faults")).Body.AsArray(), Is.Empty, "a fault with count 1 is gone once used");
    }

    [Test]
    public async Task A_dropped_connection_is_Payments_not_answering()
    {
        await AddFaultAsync(App.Payments, new { mode = "drop", path = "/api/v1/payments", count = 1 });
        var order = await CreateOrderAsync();
        Assert.That((string?)order["status"], Is.EqualTo("pending"));
        Assert.That(await TemplatesAsync((int)order["id"]!), Is.EqualTo(new[] { "PAYMENT_FAILED" }));
    }

    [Test]
    public async Task A_Notifications_429_is_retried_by_the_outbox_and_arrives_once()
    {
        await AddFaultAsync(App.Notifications, new { mode = "error", status = 429, path = "/api/v1/notifications/email", count = 1 });
        var order = await CreateOrderAsync();
        var id = (int)order["id"]!;
        Assert.That(await Eventually.TrueAsync(async () => (await TemplatesAsync(id)).Count == 1, TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(await TemplatesAsync(id), Is.EqualTo(new[] { "ORDER_CONFIRMATION" }));
    }

    [Test]
    public async Task A_seeded_probability_fails_the_same_requests_each_time()
    {
        async Task<string> PatternAsync()
        {
            await AddFaultAsync(App.Notifications, new { mode = "error", status = 503, method = "GET", path = "/api/v1/notifications", probability = 0.5, seed = 7 });
            var pattern = "";
            for (var i = 0; i < 24; i++) pattern += (await App.Notifications.GetAsync("/api/v1/notifications/")).StatusCode == HttpStatusCode.OK ? '.' : 'x';
            using var cleared = await App.Notifications.DeleteAsync("/testing/faults");
            Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            return pattern;
        }
        var first = await PatternAsync();
        Assert.That(first, Does.Contain("x").And.Contain("."), "about half fail");
        Assert.That(await PatternAsync(), Is.EqualTo(first));
        Assert.That((await App.Notifications.GetAsync("/api/v1/notifications/")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "cleared");
    }

    [Test]
    public async Task A_bad_fault_is_the_contracts_422_and_faults_are_set_on_a_modules_port()
    {
        var (refused, body) = await App.Payments.PostJson("/testing/faults", new { mode = "explode", probability = 1.5 });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(body["detail"]!.AsArray().Select(e => $"{e!["type"]} {e["loc"]![1]}"), Is.EqualTo(new[] { "enum mode", "less_than_equal probability" }));
        var (onDashboard, _) = await App.Dashboard.PostJson("/testing/faults", new { mode = "error" });
        Assert.That(onDashboard.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Reset_under_concurrent_orders_never_answers_an_error()
    {
        using var stop = new CancellationTokenSource();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var clients = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await App.Orders.PostAsync("/api/v1/orders/", Http.Json(Requests.Order()));
                statuses.Add(response.StatusCode);
            }
        })).ToList();
        for (var i = 0; i < 5; i++)
        {
            await Eventually.TrueAsync(() => Task.FromResult(statuses.Count >= (i + 1) * 10), TimeSpan.FromSeconds(30));
            using var reset = await App.Dashboard.PostAsync("/testing/reset", null);
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        Assert.That(statuses.Distinct(), Is.EqualTo(new[] { HttpStatusCode.Created }));
    }

    private async Task<JsonNode> CreateOrderAsync()
    {
        var (response, order) = await App.Orders.PostJson("/api/v1/orders/", Requests.Order());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), order.ToJsonString());
        return order;
    }

    private async Task<List<string>> TemplatesAsync(int orderId) =>
        (await App.Notifications.GetJson($"/api/v1/notifications/order/{orderId}")).Body.AsArray().Select(n => (string)n!["template_name"]!).ToList();

    private static async Task AddFaultAsync(HttpClient module, object fault)
    {
        var (response, body) = await module.PostJson("/testing/faults", fault);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
    }
}

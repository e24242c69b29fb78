using System.Net;

namespace Ecommerce.IntegrationTests.Orders;

/// <summary>Idempotency-Key on the endpoints that create orders or move money: a retry after a timeout creates nothing twice.</summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
[TestFixture(TestStore.SqlServer)]
public sealed class IdempotencyKeyTests(string provider) : HostFixture(provider)
{
    private static HttpRequestMessage Post(string path, object body, string? key) => new(HttpMethod.Post, path)
    {
        Content = body as StringContent ?? Http.Json(body),
        Headers = { { "Idempotency-Key", key } },
    };

    private async Task<int> OrderCount(string email) =>
        (await App.Orders.GetJson($"/api/v1/orders/?customer_email={email}&limit=100")).Body.AsArray().Count;

    [Test]
    public async Task Given_a_repeated_key_and_body_Then_the_first_answer_again_and_one_order()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await App.Orders.SendAsync(Post("/api/v1/orders/", Requests.Order(email: "retry@example.co.jp"), key));
        using var repeat = await App.Orders.SendAsync(Post("/api/v1/orders/", Requests.Order(email: "retry@example.co.jp"), key));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(first.Headers.Contains("Idempotent-Replayed"), Is.False);
        Assert.That(repeat.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(repeat.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        Assert.That(repeat.Content.Headers.ContentType!.ToString(), Is.EqualTo("application/json"));
        Assert.That(await repeat.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(await OrderCount("retry@example.co.jp"), Is.EqualTo(1));
    }

    [Test]
    public async Task Given_the_same_key_with_another_body_Then_422_and_nothing_created()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await App.Orders.SendAsync(Post("/api/v1/orders/", Requests.Order(email: "other@example.co.jp"), key));
        using var other = await App.Orders.SendAsync(Post("/api/v1/orders/", Requests.Order(quantity: 3, email: "other@example.co.jp"), key));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await other.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"detail":"This Idempotency-Key was already used with a different request; use a new key for a new request"}"""));
        Assert.That(await OrderCount("other@example.co.jp"), Is.EqualTo(1));
    }

    [Test]
    public async Task Given_8_concurrent_requests_with_one_key_Then_one_order_and_each_answer_is_it_or_409()
    {
        var key = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await App.Orders.SendAsync(Post("/api/v1/orders/", Requests.Order(email: "race@example.co.jp"), key));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));
        Assert.That(await OrderCount("race@example.co.jp"), Is.EqualTo(1));
        Assert.That(answers.Select(a => a.StatusCode), Is.All.AnyOf(HttpStatusCode.Created, HttpStatusCode.Conflict));
        Assert.That(answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Body).Distinct().Count(), Is.EqualTo(1));
        Assert.That(answers.Where(a => a.StatusCode == HttpStatusCode.Conflict).Select(a => a.Body), Is.All.Contains("still being processed"));
    }

    [Test]
    public async Task Given_a_body_refused_with_422_Then_the_key_is_free_for_the_corrected_request()
    {
        var key = Guid.NewGuid().ToString();
        using var refused = await App.Orders.SendAsync(Post("/api/v1/orders/", Http.Json("""{"customer_email":"x"}"""), key));
        using var corrected = await App.Orders.SendAsync(Post("/api/v1/orders/", Requests.Order(email: "fixed@example.co.jp"), key));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(corrected.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [TestCase(0)]
    [TestCase(256)]
    public async Task Given_a_key_that_is_empty_or_too_long_Then_400(int length)
    {
        var key = new string('k', length);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders/") { Content = Http.Json(Requests.Order()) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        using var response = await App.Orders.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Idempotency-Key must be 1 to 255 printable ASCII characters"));
    }

    [Test]
    public async Task Given_a_repeated_bulk_import_with_its_key_Then_the_first_answer_again()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { orders = new[] { Requests.Order(email: "bulk-key@example.co.jp") } };
        using var first = await App.Orders.SendAsync(Post("/api/v1/orders/bulk", body, key));
        using var repeat = await App.Orders.SendAsync(Post("/api/v1/orders/bulk", body, key));
        Assert.That(repeat.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(repeat.Headers.Contains("Idempotent-Replayed"), Is.True);
        Assert.That(await repeat.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(await OrderCount("bulk-key@example.co.jp"), Is.EqualTo(1));
    }

    [Test]
    public async Task Given_a_repeated_payment_and_refund_with_their_keys_Then_one_of_each()
    {
        var (_, order) = await App.Orders.PostJson("/api/v1/orders/", Requests.Order());
        var orderId = (int)order["id"]!;
        // The order's own payment exists; a direct payment for a new order id shows the payment endpoint's replay.
        var paymentKey = Guid.NewGuid().ToString();
        using var payment = await App.Payments.SendAsync(Post("/api/v1/payments/", Requests.Payment(900_000 + orderId), paymentKey));
        using var paymentAgain = await App.Payments.SendAsync(Post("/api/v1/payments/", Requests.Payment(900_000 + orderId), paymentKey));
        Assert.That(payment.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(paymentAgain.StatusCode, Is.EqualTo(HttpStatusCode.Created), "a retry without the key would be 400 already exists");
        Assert.That(await paymentAgain.Content.ReadAsStringAsync(), Is.EqualTo(await payment.Content.ReadAsStringAsync()));

        var (_, paid) = await App.Payments.GetJson($"/api/v1/payments/order/{orderId}");
        var refundKey = Guid.NewGuid().ToString();
        var refundBody = new { payment_id = (int)paid["id"]!, reason = "返品" };
        using var refund = await App.Payments.SendAsync(Post("/api/v1/payments/refund", refundBody, refundKey));
        using var refundAgain = await App.Payments.SendAsync(Post("/api/v1/payments/refund", refundBody, refundKey));
        Assert.That(refund.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(refundAgain.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(refundAgain.Headers.Contains("Idempotent-Replayed"), Is.True);
        Assert.That(await refundAgain.Content.ReadAsStringAsync(), Is.EqualTo(await refund.Content.ReadAsStringAsync()));
    }

    [Test]
    public async Task Given_a_restart_on_the_same_data_Then_a_key_is_still_answered()
    {
        var directory = ThrowawayDirectory.New();
        var settings = TestStore.On(Provider, new Dictionary<string, string?> { ["Database:SqliteDirectory"] = directory });
        var key = Guid.NewGuid().ToString();
        string first;
        await using (var before = await EcommerceApp.StartAsync(settings))
        {
            using var response = await before.Orders.SendAsync(Post("/api/v1/orders/", Requests.Order(), key));
            first = await response.Content.ReadAsStringAsync();
        }
        await using var after = await EcommerceApp.StartAsync(settings);
        using var repeat = await after.Orders.SendAsync(Post("/api/v1/orders/", Requests.Order(), key));
        Assert.That(repeat.Headers.Contains("Idempotent-Replayed"), Is.True);
        Assert.That(await repeat.Content.ReadAsStringAsync(), Is.EqualTo(first));
        Assert.That((await after.Orders.GetJson("/api/v1/orders/")).Body.AsArray(), Has.Count.EqualTo(1));
    }
}

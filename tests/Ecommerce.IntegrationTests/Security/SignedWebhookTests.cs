using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Ecommerce.IntegrationTests.Orders;
using Ecommerce.Shared.Security;

namespace Ecommerce.IntegrationTests.Security;

/// <summary>
/// Webhooks signed by Payments and checked by Orders (Standard Webhooks), mid-rotation: a new secret signs, the old one
/// still verifies. Forged, unsigned, tampered, stale and retired-secret webhooks leave the order as it was; a replay
/// has no second effect, even delivered many times at once (the receipt's key, enforced by the database).
/// </summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class SignedWebhookTests(string provider) : HostFixture(provider, new Dictionary<string, string?>
{
    ["Webhooks:SigningSecrets:0"] = NewSecret,
    ["Webhooks:SigningSecrets:1"] = ApiAuth.WebhookSecret,
})
{
    private const string NewSecret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string RetiredSecret = "whsec_ZXZlcnkgc2VjcmV0IGhhcyBpdHMgZGF5LCB0aGlzIG9uZSBoYWQgaXRz";

    private OrderScenario Orders => new(App);

    private static WebhookSigning Signer(string secret) => new([WebhookSigning.Bytes(secret)]);

    /// <summary>Posts a webhook signed with <paramref name="secret"/> (or unsigned), optionally with another body than the one signed.</summary>
    private async Task<(HttpResponseMessage Response, JsonNode Body)> Post(string path, object body, string? secret, string? id = null,
        DateTimeOffset? at = null, object? sentBody = null)
    {
        var signed = Encoding.UTF8.GetBytes(Http.Json(body).ReadAsStringAsync().Result);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = sentBody is null ? new ByteArrayContent(signed) : Http.Json(sentBody) };
        request.Content.Headers.ContentType = new("application/json");
        if (secret is not null)
            foreach (var (name, value) in Signer(secret).Headers(id ?? "msg_" + Guid.NewGuid().ToString("N"), at ?? DateTimeOffset.UtcNow, signed))
                request.Headers.TryAddWithoutValidation(name, value);
        var response = await App.Orders.SendAsync(request);
        return (response, await response.ReadJson());
    }

    private async Task<string?> StatusOf(int id) => (string?)(await App.Orders.GetJson($"/api/v1/orders/{id}")).Body["status"];

    [Test]
    public async Task Given_signing_on_Then_the_chain_pays_and_confirms_with_webhooks_payments_signed()
    {
        var order = await Orders.Create();
        Assert.That((string?)order["status"], Is.EqualTo("paid"));
        Assert.That(await Orders.Emails((int)order["id"]!), Is.EqualTo(new[] { "ORDER_CONFIRMATION" }));
    }

    [TestCase("unsigned", "Missing webhook signature headers")]
    [TestCase("forged with a secret of its own", "Invalid webhook signature")]
    [TestCase("signed with a retired secret", "Invalid webhook signature")]
    [TestCase("signed for another body", "Invalid webhook signature")]
    [TestCase("signed six minutes ago", "Webhook timestamp is too old or too new")]
    public async Task Given_a_webhook_that_payments_did_not_sign_now_Then_401_and_the_order_stays_pending(string how, string detail)
    {
        var id = await Orders.InStatus("pending");
        var completed = new { payment_status = "completed", transaction_id = "forged-by-anyone" };
        var (response, body) = how switch
        {
            "unsigned" => await Post($"/api/v1/orders/{id}/webhook", completed, secret: null),
            "forged with a secret of its own" => await Post($"/api/v1/orders/{id}/webhook", completed, "whsec_" + Convert.ToBase64String(new byte[32])),
            "signed with a retired secret" => await Post($"/api/v1/orders/{id}/webhook", completed, RetiredSecret),
            "signed for another body" => await Post($"/api/v1/orders/{id}/webhook", new { payment_status = "failed", transaction_id = "t" }, NewSecret,
                sentBody: completed),
            _ => await Post($"/api/v1/orders/{id}/webhook", completed, NewSecret, at: DateTimeOffset.UtcNow.AddMinutes(-6)),
        };
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), body.ToJsonString());
        Assert.That((string?)body["detail"], Is.EqualTo(detail));
        Assert.That(await StatusOf(id), Is.EqualTo("pending"));
        Assert.That(await Orders.Emails(id), Is.EqualTo(new[] { "PAYMENT_FAILED" }), "no email from a refused webhook");
    }

    [Test]
    public async Task Given_an_unsigned_batch_Then_401_and_no_order_moves()
    {
        var id = await Orders.InStatus("pending");
        var (response, _) = await Post("/api/v1/orders/webhook/batch",
            new { webhooks = new[] { new { order_id = id, payment_status = "completed", transaction_id = "t" } } }, secret: null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusOf(id), Is.EqualTo("pending"));
    }

    [Test]
    public async Task Given_a_webhook_signed_with_the_old_secret_during_rotation_Then_it_is_applied()
    {
        var id = await Orders.InStatus("pending");
        var (response, body) = await Post($"/api/v1/orders/{id}/webhook", new { payment_status = "completed", transaction_id = "t-old" }, ApiAuth.WebhookSecret);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(await StatusOf(id), Is.EqualTo("paid"));
    }

    [Test]
    public async Task Given_a_signed_webhook_replayed_Then_it_is_answered_with_the_order_and_sends_no_second_email()
    {
        var id = await Orders.InStatus("pending");
        var failed = new { payment_status = "failed", transaction_id = "t-replayed" };
        var (first, firstBody) = await Post($"/api/v1/orders/{id}/webhook", failed, NewSecret, id: "msg_replayed_" + id);
        var (again, againBody) = await Post($"/api/v1/orders/{id}/webhook", failed, NewSecret, id: "msg_replayed_" + id);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), firstBody.ToJsonString());
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(againBody.ToJsonString(), Is.EqualTo(firstBody.ToJsonString()));
        Assert.That(await Orders.Emails(id), Is.EqualTo(new[] { "PAYMENT_FAILED", "PAYMENT_FAILED" }),
            "the order's own failed payment, then the first webhook's; the replay sent none");
    }

    [TestCase("failed")]
    [TestCase("completed")]
    [TestCase("refunded")]
    public async Task Given_one_signed_webhook_delivered_ten_times_at_once_Then_it_takes_effect_once(string paymentStatus)
    {
        var id = await Orders.InStatus("pending");
        var body = new { payment_status = paymentStatus, transaction_id = "t-" + paymentStatus };
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Post($"/api/v1/orders/{id}/webhook", body, NewSecret, id: $"msg_concurrent_{id}")));
        Assert.That(answers.Select(a => a.Response.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var (expectedStatus, expectedEmail) = paymentStatus switch
        {
            "failed" => ("pending", "PAYMENT_FAILED"),
            "completed" => ("paid", null),
            _ => ("cancelled", "ORDER_CANCELLED"),
        };
        Assert.That(await StatusOf(id), Is.EqualTo(expectedStatus));
        var emails = await Orders.Emails(id);
        Assert.That(emails.Skip(1), Is.EqualTo(expectedEmail is null ? Array.Empty<string>() : [expectedEmail]), "after the order's own PAYMENT_FAILED");
    }

    [Test]
    public async Task Given_a_signed_batch_delivered_twice_Then_each_item_takes_effect_once()
    {
        var paid = await Orders.InStatus("pending");
        var failed = await Orders.InStatus("pending");
        var batch = new
        {
            webhooks = new object[]
            {
                new { order_id = paid, payment_status = "completed", transaction_id = "t-b1" },
                new { order_id = failed, payment_status = "failed", transaction_id = "t-b2" },
            },
        };
        var (first, firstBody) = await Post("/api/v1/orders/webhook/batch", batch, NewSecret, id: $"msg_batch_{paid}");
        var (again, againBody) = await Post("/api/v1/orders/webhook/batch", batch, NewSecret, id: $"msg_batch_{paid}");
        Assert.That((first.StatusCode, again.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)), firstBody.ToJsonString());
        Assert.That(againBody.ToJsonString(), Is.EqualTo(firstBody.ToJsonString()));
        Assert.That(await StatusOf(paid), Is.EqualTo("paid"));
        Assert.That(await Orders.Emails(failed), Is.EqualTo(new[] { "PAYMENT_FAILED", "PAYMENT_FAILED" }), "its own, then the batch's once");
    }
}

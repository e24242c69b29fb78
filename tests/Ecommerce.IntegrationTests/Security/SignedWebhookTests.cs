using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Ecommerce.IntegrationTests.Orders;
using Ecommerce.Shared.Security;

namespace Ecommerce.IntegrationTests.Security;

/// <summary>
/// Webhooks signed by Payments and checked by Orders (Standard Webhooks), mid-rotation: a new secret signs, the old one
/// still verifies. Forged, unsigned, tampered, stale and retired-secret webhooks leave the order as it was; a replay
/// has no second effect.
/// </summary>
public sealed class SignedWebhookTests() : HostFixture(settings: new Dictionary<string, string?>
{
    ["Webhooks:SigningSecrets:0"] = NewSecret,
    ["Webhooks:SigningSecrets:1"] = ApiAuth.WebhookSecret,
})
{
    private const string NewSecret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string RetiredSecret = "whsec_ZXZlcnkgc2VjcmV0IGhhcyBpdHMgZGF5LCB0aGlzIG9uZSBoYWQgaXRz";

    private OrderScenario Orders => new(App);

    private static WebhookSigning Signer(string secret) => new([WebhookSigning.Parse(secret, "test")]);

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
    public async Task Given_a_signed_webhook_replayed_Then_it_is_answered_as_the_first_time_without_a_second_email()
    {
        var id = await Orders.InStatus("pending");
        var failed = new { payment_status = "failed", transaction_id = "t-replayed" };
        var (first, firstBody) = await Post($"/api/v1/orders/{id}/webhook", failed, NewSecret, id: "msg_replayed_" + id);
        var (again, againBody) = await Post($"/api/v1/orders/{id}/webhook", failed, NewSecret, id: "msg_replayed_" + id);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), firstBody.ToJsonString());
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(againBody.ToJsonString(), Is.EqualTo(firstBody.ToJsonString()));
        Assert.That(again.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        Assert.That(await Orders.Emails(id), Is.EqualTo(new[] { "PAYMENT_FAILED", "PAYMENT_FAILED" }),
            "the order's own failed payment, then the first webhook's; the replay sent none");
    }
}

using System.Net.Http.Headers;
using System.Text.Json;
using Ecommerce.Payments.Outbox;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Security;

namespace Ecommerce.Payments.Clients;

/// <summary>
/// Contract 5.3: tells Orders about a payment status change. The outcome comes back as an <see cref="Attempt"/>, never
/// thrown: the payment is already committed and the client that asked for it still gets its answer.
/// </summary>
internal sealed class OrdersWebhookClient(HttpClient http, WebhookSigning signing, TimeProvider clock, ILogger<OrdersWebhookClient> logger)
{
    private const int ChunkSize = 1000;

    public async Task<Attempt> NotifyAsync(PaymentChange change)
    {
        var attempt = await Attempt.OfCallAsync(() => PostAsync($"orders/{change.OrderId}/webhook", new PaymentWebhook(change.PaymentStatus, change.TransactionId)));
        if (attempt.Delivery != Delivery.Done)
            logger.LogWarning("Orders webhook for order {OrderId} (payment {PaymentId}, {PaymentStatus}) not taken ({Answer}): {Error}",
                change.OrderId, change.PaymentId, change.PaymentStatus, attempt.Answer, attempt.Error);
        return attempt;
    }

    /// <summary>The batch form: one call per chunk of payments, so traffic stays O(payments / chunk); each chunk's outcome.</summary>
    public async Task<List<(PaymentChange[] Chunk, Attempt Attempt)>> NotifyBatchAsync(IReadOnlyList<PaymentChange> changes)
    {
        var outcomes = new List<(PaymentChange[], Attempt)>();
        foreach (var chunk in changes.Chunk(ChunkSize))
        {
            var body = new PaymentWebhookBatch(chunk.Select(c => new PaymentWebhookItem(c.OrderId, c.PaymentStatus, c.TransactionId)).ToList());
            var attempt = await Attempt.OfCallAsync(() => PostAsync("orders/webhook/batch", body));
            if (attempt.Delivery != Delivery.Done)
                logger.LogWarning("Orders batch webhook for {Count} payments not taken ({Answer}): {Error}", chunk.Length, attempt.Answer, attempt.Error);
            outcomes.Add((chunk, attempt));
        }
        return outcomes;
    }

    /// <summary>The webhook as JSON, signed when <c>Webhooks:SigningSecrets</c> is set (its id is the same on every retry of it).</summary>
    private async Task<HttpResponseMessage> PostAsync<T>(string path, T payload)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, WireJson.Options);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (signing.Enabled)
            foreach (var (name, value) in signing.Headers(WebhookSigning.IdFor(path, body), clock.GetUtcNow(), body))
                request.Headers.TryAddWithoutValidation(name, value);
        return await http.SendAsync(request);
    }

    private sealed record PaymentWebhook(string PaymentStatus, string TransactionId);

    private sealed record PaymentWebhookItem(int OrderId, string PaymentStatus, string TransactionId);

    private sealed record PaymentWebhookBatch(IReadOnlyList<PaymentWebhookItem> Webhooks);
}

using System.Net.Http.Json;
using Ecommerce.Payments.Outbox;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.Outbox;

namespace Ecommerce.Payments.Clients;

/// <summary>
/// Contract 5.3: tells Orders about a payment status change. The outcome comes back as an <see cref="Attempt"/>, never
/// thrown: the payment is already committed and the client that asked for it still gets its answer.
/// </summary>
internal sealed class OrdersWebhookClient(HttpClient http, ILogger<OrdersWebhookClient> logger)
{
    private const int ChunkSize = 1000;

    public async Task<Attempt> NotifyAsync(PaymentChange change)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(
                $"orders/{change.OrderId}/webhook", new PaymentWebhook(change.PaymentStatus, change.TransactionId), WireJson.Options);
            if (response.IsSuccessStatusCode) return Attempt.Done;
            var attempt = await Attempt.FailedAsync(response);
            logger.LogWarning("Orders webhook for order {OrderId} (payment {PaymentId}, {PaymentStatus}) answered {StatusCode}: {Reason}",
                change.OrderId, change.PaymentId, change.PaymentStatus, (int)response.StatusCode, attempt.Error);
            return attempt;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Orders webhook for order {OrderId} (payment {PaymentId}, {PaymentStatus}) failed: {Error}",
                change.OrderId, change.PaymentId, change.PaymentStatus, exception.Message);
            return Attempt.NoAnswer(exception);
        }
    }

    /// <summary>The batch form: one call per chunk of payments, so traffic stays O(payments / chunk); each chunk's outcome.</summary>
    public async Task<List<(PaymentChange[] Chunk, Attempt Attempt)>> NotifyBatchAsync(IReadOnlyList<PaymentChange> changes)
    {
        var outcomes = new List<(PaymentChange[], Attempt)>();
        foreach (var chunk in changes.Chunk(ChunkSize))
        {
            try
            {
                var body = new PaymentWebhookBatch(chunk.Select(c => new PaymentWebhookItem(c.OrderId, c.PaymentStatus, c.TransactionId)).ToList());
                using var response = await http.PostAsJsonAsync("orders/webhook/batch", body, WireJson.Options);
                if (response.IsSuccessStatusCode)
                {
                    outcomes.Add((chunk, Attempt.Done));
                    continue;
                }
                var attempt = await Attempt.FailedAsync(response);
                logger.LogWarning("Orders batch webhook for {Count} payments answered {StatusCode}: {Reason}", chunk.Length, (int)response.StatusCode, attempt.Error);
                outcomes.Add((chunk, attempt));
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                logger.LogWarning("Orders batch webhook for {Count} payments failed: {Error}", chunk.Length, exception.Message);
                outcomes.Add((chunk, Attempt.NoAnswer(exception)));
            }
        }
        return outcomes;
    }

    private sealed record PaymentWebhook(string PaymentStatus, string TransactionId);

    private sealed record PaymentWebhookItem(int OrderId, string PaymentStatus, string TransactionId);

    private sealed record PaymentWebhookBatch(IReadOnlyList<PaymentWebhookItem> Webhooks);
}

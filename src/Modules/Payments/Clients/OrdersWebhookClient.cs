using System.Net.Http.Json;
using Ecommerce.Shared.Json;

namespace Ecommerce.Payments.Clients;

/// <summary>
/// Contract 5.3: tells Orders about a payment status change. A failure is logged, never raised: the payment is
/// already committed and the client that asked for it still gets its 201.
/// </summary>
internal sealed class OrdersWebhookClient(HttpClient http, ILogger<OrdersWebhookClient> logger)
{
    public async Task NotifyAsync(int orderId, int paymentId, string paymentStatus, string transactionId)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(
                $"orders/{orderId}/webhook", new PaymentWebhook(paymentStatus, transactionId), WireJson.Options);
            if (!response.IsSuccessStatusCode)
                logger.LogWarning("Orders webhook for order {OrderId} (payment {PaymentId}, {PaymentStatus}) answered {StatusCode}",
                    orderId, paymentId, paymentStatus, (int)response.StatusCode);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Orders webhook for order {OrderId} (payment {PaymentId}, {PaymentStatus}) failed: {Error}",
                orderId, paymentId, paymentStatus, exception.Message);
        }
    }

    /// <summary>The batch form: one call per chunk of payments, so traffic stays O(payments / chunk).</summary>
    public async Task NotifyBatchAsync(IReadOnlyList<(int OrderId, string PaymentStatus, string TransactionId)> changes)
    {
        foreach (var chunk in changes.Chunk(ChunkSize))
        {
            try
            {
                var body = new PaymentWebhookBatch(chunk.Select(c => new PaymentWebhookItem(c.OrderId, c.PaymentStatus, c.TransactionId)).ToList());
                using var response = await http.PostAsJsonAsync("orders/webhook/batch", body, WireJson.Options);
                if (!response.IsSuccessStatusCode)
                    logger.LogWarning("Orders batch webhook for {Count} payments answered {StatusCode}", chunk.Length, (int)response.StatusCode);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                logger.LogWarning("Orders batch webhook for {Count} payments failed: {Error}", chunk.Length, exception.Message);
            }
        }
    }

    private const int ChunkSize = 1000;

    private sealed record PaymentWebhook(string PaymentStatus, string TransactionId);

    private sealed record PaymentWebhookItem(int OrderId, string PaymentStatus, string TransactionId);

    private sealed record PaymentWebhookBatch(IReadOnlyList<PaymentWebhookItem> Webhooks);
}

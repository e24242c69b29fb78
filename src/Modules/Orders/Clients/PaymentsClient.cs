using System.Net;
using System.Net.Http.Json;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Json;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Orders.Clients;

/// <summary>
/// Orders' view of the Payments API (contract 5.1), over HTTP only. Failures of any kind (4xx, 5xx, timeout,
/// refused connection) come back as a reason, logged, never thrown: they decide the order's path, not the response code.
/// </summary>
internal sealed class PaymentsClient(HttpClient http, IHostApplicationLifetime lifetime, ILogger<PaymentsClient> logger)
{
    public Task<PaymentOutcome> CreateAsync(int orderId, decimal amount, string currency) => Call.OrNoAnswerAsync(async () =>
    {
        using var response = await http.PostAsJsonAsync("payments", new CreatePayment(orderId, amount, currency), WireJson.Options);
        if (response.StatusCode == HttpStatusCode.Created)
            return new PaymentOutcome((await response.Content.ReadFromJsonAsync<PaymentView>(WireJson.Options))?.Status, null);
        var reason = await ErrorDetail.ReadAsync(response);
        logger.LogWarning("Payment for order {OrderId} refused: {StatusCode} {Reason}", orderId, (int)response.StatusCode, reason);
        return new PaymentOutcome(null, reason);
    }, exception =>
    {
        logger.LogWarning("Payment for order {OrderId} failed: {Error}", orderId, exception.Message);
        return NoAnswer;
    });

    /// <summary>One call for a chunk of orders (POST /payments/batch); the outcome of each, by order id.</summary>
    public Task<Dictionary<int, PaymentOutcome>> CreateBatchAsync(IReadOnlyList<(int OrderId, decimal Amount, string Currency)> orders) =>
        Call.OrNoAnswerAsync(async () =>
        {
            var body = new PaymentBatch(orders.Select(o => new CreatePayment(o.OrderId, o.Amount, o.Currency)).ToList());
            using var request = ReturnMinimal.Post("payments/batch", body);
            using var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<PaymentBatchView>(WireJson.Options) is { } batch)
                return batch.Results.ToDictionary(r => orders[r.Index].OrderId, r => (r.PaymentStatus ?? r.Payment?.Status) is { } status
                    ? new PaymentOutcome(status, null)
                    : new PaymentOutcome(null, r.Detail ?? "Payment refused"));
            var reason = await ErrorDetail.ReadAsync(response);
            logger.LogWarning("Payment batch of {Count} orders refused: {StatusCode} {Reason}", orders.Count, (int)response.StatusCode, reason);
            return orders.ToDictionary(o => o.OrderId, _ => NoAnswer);
        }, exception =>
        {
            logger.LogWarning("Payment batch of {Count} orders failed: {Error}", orders.Count, exception.Message);
            return orders.ToDictionary(o => o.OrderId, _ => NoAnswer);
        });

    private PaymentOutcome NoAnswer =>
        new(null, PaymentOutcome.Unavailable) { Interrupted = lifetime.ApplicationStopping.IsCancellationRequested };

    /// <summary>The order's payment, none (Payments answered 404), or no answer at all (<see cref="PaymentLookup.Answered"/> false).</summary>
    public Task<PaymentLookup> LookupAsync(int orderId) => Call.OrNoAnswerAsync(async () =>
    {
        using var response = await http.GetAsync($"payments/order/{orderId}");
        if (response.StatusCode == HttpStatusCode.NotFound) return new PaymentLookup(true, null);
        response.EnsureSuccessStatusCode();
        return new PaymentLookup(true, await response.Content.ReadFromJsonAsync<PaymentView>(WireJson.Options));
    }, exception =>
    {
        logger.LogWarning("Payment lookup for order {OrderId} failed: {Error}", orderId, exception.Message);
        return new PaymentLookup(false, null);
    });

    public Task<bool> RefundAsync(int orderId, int paymentId, string reason) => Call.OrNoAnswerAsync(async () =>
    {
        using var response = await http.PostAsJsonAsync("payments/refund", new RefundPayment(paymentId, reason), WireJson.Options);
        if (response.IsSuccessStatusCode) return true;
        logger.LogWarning("Refund of payment {PaymentId} for order {OrderId} refused: {StatusCode} {Reason}",
            paymentId, orderId, (int)response.StatusCode, await ErrorDetail.ReadAsync(response));
        return false;
    }, exception =>
    {
        logger.LogWarning("Refund of payment {PaymentId} for order {OrderId} failed: {Error}", paymentId, orderId, exception.Message);
        return false;
    });

    private sealed record CreatePayment(int OrderId, decimal Amount, string Currency);

    private sealed record RefundPayment(int PaymentId, string Reason);

    private sealed record PaymentBatch(IReadOnlyList<CreatePayment> Payments);

    private sealed record PaymentBatchView(IReadOnlyList<PaymentBatchItemView> Results);

    /// <summary>payment_status, or the full payment from a Payments process that ignores Prefer: return=minimal.</summary>
    private sealed record PaymentBatchItemView(int Index, string Status, string? PaymentStatus, PaymentView? Payment, string? Detail);
}

internal sealed record PaymentView(int Id, int OrderId, decimal Amount, string Status, string TransactionId)
{
    public const string Completed = "completed";
}

internal sealed record PaymentLookup(bool Answered, PaymentView? Payment);

/// <summary>The payment's status when one was created, or why none was.</summary>
internal sealed record PaymentOutcome(string? PaymentStatus, string? FailureReason)
{
    public const string Unavailable = "Payment service unavailable";

    public bool Succeeded => PaymentStatus == PaymentView.Completed;

    /// <summary>
    /// No answer because this host is shutting down (its listeners close together, so Payments may be gone first):
    /// not the payment's failure. The chain stays unfinished and recovery charges it (once) after the restart.
    /// </summary>
    public bool Interrupted { get; init; }
}

using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Features.ApplyPaymentWebhook;

/// <param name="Body">What Payments reports, one item per payment.</param>
/// <param name="WebhookId">A signed batch's <c>webhook-id</c>: each of its items is applied once, however often it is delivered.</param>
internal sealed record ApplyPaymentWebhookBatch(PaymentWebhookBatchRequest Body, string? WebhookId = null) : IRequest<PaymentWebhookBatchResponse>;

/// <summary>
/// POST /orders/webhook/batch: D16 per item. The common case, completed on pending orders, is one set-based
/// conditional update for the whole chunk; other statuses go through the single webhook's handler one by one.
/// </summary>
internal sealed class ApplyPaymentWebhookBatchHandler(OrdersDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<ApplyPaymentWebhookBatch, PaymentWebhookBatchResponse>
{
    public async Task<PaymentWebhookBatchResponse> Handle(ApplyPaymentWebhookBatch request, CancellationToken cancellationToken)
    {
        var items = request.Body.Webhooks;
        var results = new PaymentWebhookBatchResult[items.Count];
        foreach (var invalid in items.Where(i => !i.IsValid))
            results[invalid.Index] = new PaymentWebhookBatchResult(invalid.Index, "invalid", Errors: invalid.Errors);

        var completed = items.Where(i => i.IsValid && i.Value!.Webhook.PaymentStatus == PaymentWebhookRequest.Completed).ToList();
        var ids = completed.Select(i => i.Value!.OrderId).Distinct().ToList();
        if (request.WebhookId is null) await db.MoveAllAsync(ids, OrderStatus.Pending, OrderStatus.Paid, clock.UtcNowMicros(), OrderMovers.Webhook, cancellationToken);
        else
        {
            // The receipt rides on the set-based move; taken already, the move was made before and is not made again.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.RecordAsync(request.WebhookId, clock.UtcNowMicros()))
            {
                await db.MoveAllAsync(ids, OrderStatus.Pending, OrderStatus.Paid, clock.UtcNowMicros(), OrderMovers.Webhook, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        var statuses = await db.Orders.Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.Status }).ToDictionaryAsync(o => o.Id, o => o.Status, cancellationToken);
        foreach (var item in completed)
            results[item.Index] = statuses.TryGetValue(item.Value!.OrderId, out var status)
                ? status == OrderStatus.Paid
                    ? new PaymentWebhookBatchResult(item.Index, "applied")
                    : new PaymentWebhookBatchResult(item.Index, "rejected", OrderStatus.Refusal(status, OrderStatus.Paid))
                : new PaymentWebhookBatchResult(item.Index, "not_found", "Order not found");

        foreach (var item in items.Where(i => i.IsValid && i.Value!.Webhook.PaymentStatus != PaymentWebhookRequest.Completed))
        {
            try
            {
                var itemId = request.WebhookId is null ? null : $"{request.WebhookId}/{item.Index}";
                await mediator.Send(new ApplyPaymentWebhook(item.Value!.OrderId, item.Value.Webhook, itemId), cancellationToken);
                results[item.Index] = new PaymentWebhookBatchResult(item.Index, "applied");
            }
            catch (ApiException refused)
            {
                results[item.Index] = new PaymentWebhookBatchResult(item.Index, refused.StatusCode == 404 ? "not_found" : "rejected", refused.Detail);
            }
        }
        return new PaymentWebhookBatchResponse(results.Count(r => r.Status == "applied"), results);
    }
}

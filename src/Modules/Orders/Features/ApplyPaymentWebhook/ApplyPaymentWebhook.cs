using Ecommerce.Orders.Chain;
using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Mediator;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Time;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Features.ApplyPaymentWebhook;

/// <param name="OrderId">The order the payment is for.</param>
/// <param name="Body">What Payments reports.</param>
/// <param name="WebhookId">A signed webhook's <c>webhook-id</c>: applied once, however often it is delivered (<see cref="WebhookReceipts"/>).</param>
internal sealed record ApplyPaymentWebhook(int OrderId, PaymentWebhookRequest Body, string? WebhookId = null) : IRequest<OrderResponse>, IAboutOrder;

/// <summary>
/// D16. completed: pending→paid, already paid is a retried webhook and changes nothing. failed: a pending order
/// stays pending and PAYMENT_FAILED is sent. refunded: cancelled from any status, once, with ORDER_CANCELLED.
/// A signed webhook delivered again is answered with the order as it stands and changes nothing.
/// </summary>
internal sealed class ApplyPaymentWebhookHandler(OrdersDbContext db, OrderChain chain, OrderNotifier notifier, TimeProvider clock)
    : IRequestHandler<ApplyPaymentWebhook, OrderResponse>
{
    public async Task<OrderResponse> Handle(ApplyPaymentWebhook request, CancellationToken cancellationToken)
    {
        var order = await db.LoadAsync(request.OrderId, cancellationToken);
        switch (request.Body.PaymentStatus)
        {
            case PaymentWebhookRequest.Completed:
                await CompleteAsync(order, request.WebhookId);
                break;
            case PaymentWebhookRequest.Failed:
                if (order.Status != OrderStatus.Pending)
                    throw ApiError.BadRequest($"Cannot record a failed payment for an order in status '{order.Status}'");
                // Its only effect is the email: the receipt is committed before it leaves.
                if (request.WebhookId is null || await db.RecordAsync(request.WebhookId, clock.UtcNowMicros()))
                    await notifier.SendAsync(order, OrderNotifier.PaymentFailed, "決済が失敗しました");
                break;
            case PaymentWebhookRequest.Refunded:
                await RefundAsync(order, request.WebhookId);
                break;
        }
        return order.Adapt<OrderResponse>();
    }

    private async Task CompleteAsync(Order order, string? webhookId)
    {
        if (order.Status == OrderStatus.Paid) return;
        if (order.RefusesPayment() is { } refused) throw ApiError.BadRequest(refused);
        await using (var transaction = webhookId is null ? null : await db.Database.BeginTransactionAsync())
        {
            if (webhookId is not null && !await db.RecordAsync(webhookId, clock.UtcNowMicros()))
            {
                await transaction!.RollbackAsync();
                await db.RefreshAsync(order); // applied before: answered with the order as it stands
                return;
            }
            var moved = await db.TryMoveAsync(order, OrderStatus.Paid, clock.UtcNowMicros(), OrderMovers.Webhook);
            // A concurrent change won; a concurrent identical webhook is as good as ours.
            if (!moved) await db.RefreshAsync(order);
            if (order.Status != OrderStatus.Paid) throw ApiError.BadRequest(OrderStatus.Refusal(order.Status, OrderStatus.Paid)); // rolled back
            if (transaction is not null) await transaction.CommitAsync();
        }
    }

    private async Task RefundAsync(Order order, string? webhookId)
    {
        // A refund is final: whatever the status, the order ends cancelled; retry if a concurrent change moved it first.
        // A signed one's receipt is written with the move; a receipt already there means it was applied before.
        while (order.Status != OrderStatus.Cancelled)
        {
            try
            {
                if (await chain.CancelForRefundAsync(order, webhookId is null ? null : new AppliedWebhook { Id = webhookId, AppliedAt = clock.UtcNowMicros() }))
                    return;
            }
            catch (DbUpdateException exception) when (webhookId is not null && DbErrors.IsUniqueViolation(exception))
            {
                db.ChangeTracker.Clear();
                await db.RefreshAsync(order);
                return;
            }
            await db.RefreshAsync(order);
        }
    }
}

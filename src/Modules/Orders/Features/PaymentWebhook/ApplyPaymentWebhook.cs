using Ecommerce.Shared.Hosting;
using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Time;
using Mapster;
using MediatR;

namespace Ecommerce.Orders.Features.PaymentWebhook;

internal sealed record ApplyPaymentWebhook(int OrderId, PaymentWebhookRequest Body) : IRequest<OrderResponse>;

/// <summary>
/// D16. completed: pending→paid, already paid is a retried webhook and changes nothing. failed: a pending order
/// stays pending and PAYMENT_FAILED is sent. refunded: cancelled from any status, once, with ORDER_CANCELLED.
/// </summary>
internal sealed class ApplyPaymentWebhookHandler(OrdersDbContext db, OrderNotifier notifier, TimeProvider clock, OrderLog orderLog)
    : IRequestHandler<ApplyPaymentWebhook, OrderResponse>
{
    public async Task<OrderResponse> Handle(ApplyPaymentWebhook request, CancellationToken cancellationToken)
    {
        using var _ = orderLog.About(request.OrderId);
        var order = await db.LoadAsync(request.OrderId, cancellationToken);
        switch (request.Body.PaymentStatus)
        {
            case PaymentWebhookRequest.Completed:
                await CompleteAsync(order);
                break;
            case PaymentWebhookRequest.Failed:
                if (order.Status != OrderStatus.Pending)
                    throw ApiError.BadRequest($"Cannot record a failed payment for an order in status '{order.Status}'");
                await notifier.SendAsync(order, OrderNotifier.PaymentFailed, "決済が失敗しました");
                break;
            case PaymentWebhookRequest.Refunded:
                await RefundAsync(order);
                break;
        }
        return order.Adapt<OrderResponse>();
    }

    private async Task CompleteAsync(Order order)
    {
        if (order.Status == OrderStatus.Paid) return;
        if (order.Status != OrderStatus.Pending) throw OrderStatus.CannotChange(order.Status, OrderStatus.Paid);
        if (await db.TryMoveAsync(order, OrderStatus.Paid, clock.UtcNowMicros())) return;
        // A concurrent change won; a concurrent identical webhook is as good as ours.
        await db.RefreshAsync(order);
        if (order.Status != OrderStatus.Paid) throw OrderStatus.CannotChange(order.Status, OrderStatus.Paid);
    }

    private async Task RefundAsync(Order order)
    {
        // A refund is final: whatever the status, the order ends cancelled; retry if a concurrent change moved it first.
        while (order.Status != OrderStatus.Cancelled)
        {
            if (await notifier.MoveAndNotifyAsync(order, OrderStatus.Cancelled, OrderNotifier.Cancelled)) return;
            await db.RefreshAsync(order);
        }
    }
}

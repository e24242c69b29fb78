using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Time;
using Mapster;
using MediatR;
using Serilog.Context;

namespace Ecommerce.Orders.Features.ChangeStatus;

/// <summary>PUT /orders/{id}/status and DELETE /orders/{id} (which is a change to cancelled, D14).</summary>
internal sealed record ChangeOrderStatus(int OrderId, string Status) : IRequest<OrderResponse>;

internal sealed class ChangeOrderStatusHandler(OrdersDbContext db, PaymentsClient payments, OrderNotifier notifier, TimeProvider clock)
    : IRequestHandler<ChangeOrderStatus, OrderResponse>
{
    public const string CancellationReason = "Order cancelled by customer";

    public async Task<OrderResponse> Handle(ChangeOrderStatus request, CancellationToken cancellationToken)
    {
        using var _ = LogContext.PushProperty("OrderId", request.OrderId);
        var order = await db.LoadAsync(request.OrderId, cancellationToken);
        OrderStatus.EnsureClientMayChange(order.Status, request.Status);
        // Someone else may change it between our read and our write; then judge again against what won.
        if (!await db.TryMoveAsync(order, request.Status, clock.UtcNowMicros()))
        {
            await db.RefreshAsync(order);
            throw OrderStatus.CannotChange(order.Status, request.Status);
        }

        // D14: the cancellation is committed before the refund, so the refund's webhook finds it cancelled and sends nothing.
        if (request.Status == OrderStatus.Cancelled && await payments.FindForOrderAsync(order.Id) is { Status: PaymentView.Completed } payment)
            await payments.RefundAsync(order.Id, payment.Id, CancellationReason);
        await notifier.SendAsync(order, OrderNotifier.ForStatus(request.Status));
        return order.Adapt<OrderResponse>();
    }
}

using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Orders.Outbox;
using Ecommerce.Shared.Time;
using Mapster;
using MediatR;
using Serilog.Context;

namespace Ecommerce.Orders.Features.ChangeStatus;

/// <summary>PUT /orders/{id}/status and DELETE /orders/{id} (which is a change to cancelled, D14).</summary>
internal sealed record ChangeOrderStatus(int OrderId, string Status) : IRequest<OrderResponse>;

internal sealed class ChangeOrderStatusHandler(OrdersDbContext db, OrderRefunds refunds, OrderNotifier notifier, TimeProvider clock)
    : IRequestHandler<ChangeOrderStatus, OrderResponse>
{
    public async Task<OrderResponse> Handle(ChangeOrderStatus request, CancellationToken cancellationToken)
    {
        using var _ = LogContext.PushProperty("OrderId", request.OrderId);
        var order = await db.LoadAsync(request.OrderId, cancellationToken);
        OrderStatus.EnsureClientMayChange(order.Status, request.Status);
        var cancelling = request.Status == OrderStatus.Cancelled;
        OwedEmail email;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Someone else may change it between our read and our write; then judge again against what won.
            if (!await db.TryMoveAsync(order, request.Status, clock.UtcNowMicros()))
            {
                await db.RefreshAsync(order);
                throw OrderStatus.CannotChange(order.Status, request.Status);
            }
            // What the change owes (its email, and for a cancellation the refund) is written down with it, so no
            // failure or crash can forget it.
            if (cancelling) refunds.Owe(order.Id);
            email = await notifier.OweAsync(order, OrderNotifier.ForStatus(request.Status));
            await db.SaveChangesAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            await transaction.CommitAsync(CancellationToken.None);
        }

        // D14: the cancellation is committed before the refund, so the refund's webhook finds it cancelled and sends nothing.
        // A refund that does not happen now stays owed; recovery makes it later.
        if (cancelling) await refunds.SettleAsync(order.Id);
        await notifier.DeliverAsync(email);
        return order.Adapt<OrderResponse>();
    }
}

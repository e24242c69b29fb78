using Ecommerce.Orders.Chain;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Hosting;
using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Orders.Outbox;
using Mapster;
using MediatR;

namespace Ecommerce.Orders.Features.ChangeStatus;

/// <summary>PUT /orders/{id}/status and DELETE /orders/{id} (which is a change to cancelled, D14).</summary>
internal sealed record ChangeOrderStatus(int OrderId, string Status) : IRequest<OrderResponse>;

internal sealed class ChangeOrderStatusHandler(OrdersDbContext db, OrderRefunds refunds, OrderNotifier notifier, OrderLog orderLog)
    : IRequestHandler<ChangeOrderStatus, OrderResponse>
{
    public async Task<OrderResponse> Handle(ChangeOrderStatus request, CancellationToken cancellationToken)
    {
        using var _ = orderLog.About(request.OrderId);
        var order = await db.LoadAsync(request.OrderId, cancellationToken);
        if (order.RefusesClientMove(request.Status) is { } refused) throw ApiError.BadRequest(refused);
        var cancelling = request.Status == OrderStatus.Cancelled;
        // The refund a cancellation owes is written down with it. D14: the cancellation is committed before the refund is
        // made, so the refund's webhook finds it cancelled and sends nothing; a refund not made now stays owed.
        var moved = await notifier.MoveAndNotifyAsync(order, request.Status, OrderNotifier.ForStatus(request.Status),
            alsoOwed: cancelling ? () => refunds.Owe(order.Id) : null,
            afterCommit: cancelling ? () => refunds.SettleAsync(order.Id) : null);
        if (!moved)
        {
            // Someone else changed it between our read and our write: judge again against what won.
            await db.RefreshAsync(order);
            throw ApiError.BadRequest(OrderStatus.Refusal(order.Status, request.Status));
        }
        return order.Adapt<OrderResponse>();
    }
}

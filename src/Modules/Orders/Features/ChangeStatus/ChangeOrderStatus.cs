using Ecommerce.Orders.Chain;
using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Mediator;
using Mapster;
using MediatR;

namespace Ecommerce.Orders.Features.ChangeStatus;

/// <summary>PUT /orders/{id}/status and DELETE /orders/{id} (which is a change to cancelled, D14).</summary>
internal sealed record ChangeOrderStatus(int OrderId, string Status) : IRequest<OrderResponse>, IAboutOrder;

internal sealed class ChangeOrderStatusHandler(OrdersDbContext db, OrderChain chain)
    : IRequestHandler<ChangeOrderStatus, OrderResponse>
{
    public async Task<OrderResponse> Handle(ChangeOrderStatus request, CancellationToken cancellationToken)
    {
        var order = await db.LoadAsync(request.OrderId, cancellationToken);
        if (order.RefusesClientMove(request.Status) is { } refused) throw ApiError.BadRequest(refused);
        if (!await chain.MoveAsync(order, request.Status))
        {
            // Someone else changed it between our read and our write: judge again against what won.
            await db.RefreshAsync(order);
            throw ApiError.BadRequest(OrderStatus.Refusal(order.Status, request.Status));
        }
        return order.Adapt<OrderResponse>();
    }
}

using Ecommerce.Orders.Chain;
using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Time;
using Mapster;
using MediatR;

namespace Ecommerce.Orders.Features.CreateOrder;

internal sealed record CreateOrder(CreateOrderRequest Body) : IRequest<OrderResponse>;

/// <summary>D13: commit pending → pay (the webhook marks it paid) → confirm by email → answer with the order as it now stands.</summary>
internal sealed class CreateOrderHandler(OrdersDbContext db, PaymentsClient payments, OrderChain chain, TimeProvider clock, OrderLog orderLog,
    OrdersMetrics metrics)
    : IRequestHandler<CreateOrder, OrderResponse>
{
    public async Task<OrderResponse> Handle(CreateOrder request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var order = Order.Place(body.CustomerEmail, body.CustomerName, body.Currency,
            body.Items.Select(i => OrderItem.Of(i.ProductName, i.Quantity, i.UnitPrice)), clock.UtcNowMicros());
        await db.InsertAsync([order], cancellationToken: cancellationToken);
        using var _ = orderLog.About(order.Id);

        // Committed before calling out, so the webhook that re-enters Orders finds the row and no lock of ours.
        // From here on the order exists: its side effects run to the end even if the client goes away.
        var payment = await payments.CreateAsync(order.Id, order.TotalAmount, order.Currency);
        await chain.FinishAsync([order], new Dictionary<int, PaymentOutcome> { [order.Id] = payment }, OrderMovers.PaymentAnswer);
        metrics.Created(order.Status);
        return order.Adapt<OrderResponse>();
    }
}

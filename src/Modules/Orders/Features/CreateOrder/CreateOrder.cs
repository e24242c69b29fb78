using Ecommerce.Shared.Hosting;
using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Orders.Outbox;
using Ecommerce.Shared.Time;
using Mapster;
using MediatR;

namespace Ecommerce.Orders.Features.CreateOrder;

internal sealed record CreateOrder(CreateOrderRequest Body) : IRequest<OrderResponse>;

/// <summary>D13: commit pending → pay (the webhook marks it paid) → confirm by email → answer with the order as it now stands.</summary>
internal sealed class CreateOrderHandler(
    OrdersDbContext db, PaymentsClient payments, OrderNotifier notifier, OrderRefunds refunds, SettledChains settled, TimeProvider clock, OrderLog orderLog,
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
        if (payment.Interrupted) // left to recovery, see PaymentOutcome.Interrupted
        {
            metrics.Created(order.Status);
            return order.Adapt<OrderResponse>();
        }
        await db.RefreshAsync(order);
        if (order.Status == OrderStatus.Cancelled)
        {
            // Cancelled while its payment was being made: the cancellation owes the refund and has sent its email; a
            // payment that completed meanwhile is refunded now (if that fails, the refund stays owed for recovery).
            if (payment.Succeeded) await refunds.SettleAsync(order.Id);
            settled.Add([order.Id]);
            metrics.Created(order.Status);
            return order.Adapt<OrderResponse>();
        }
        // The webhook normally marked it paid already; doing it here too (idempotent) keeps it right if the webhook was lost.
        if (payment.Succeeded && order.Status == OrderStatus.Pending)
            await db.TryMoveAsync(order, OrderStatus.Paid, clock.UtcNowMicros(), OrderMovers.PaymentAnswer);

        if (payment.Succeeded) await notifier.SendAsync(order, OrderNotifier.Confirmation);
        else await notifier.SendAsync(order, OrderNotifier.PaymentFailed, payment.FailureReason);
        settled.Add([order.Id]);
        metrics.Created(order.Status);
        return order.Adapt<OrderResponse>();
    }
}

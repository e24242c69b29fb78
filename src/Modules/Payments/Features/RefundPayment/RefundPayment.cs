using Ecommerce.Payments.Contracts;
using Ecommerce.Payments.Data;
using Ecommerce.Payments.Domain;
using Ecommerce.Payments.Outbox;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Time;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Payments.Features.RefundPayment;

internal sealed record RefundPayment(RefundRequest Body) : IRequest<RefundResponse>;

internal sealed class RefundPaymentHandler(PaymentsDbContext db, WebhookOutbox webhooks, TimeProvider clock, PaymentsMetrics metrics, OrderLog orderLog)
    : IRequestHandler<RefundPayment, RefundResponse>
{
    public async Task<RefundResponse> Handle(RefundPayment request, CancellationToken cancellationToken)
    {
        var paymentId = request.Body.PaymentId;
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, cancellationToken)
                      ?? throw ApiError.NotFound("Payment not found");
        var now = clock.UtcNowMicros();
        var refund = Refund.Full(payment, request.Body.Reason, now);

        OwedWebhook webhook;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Conditional on 'completed': of two concurrent refunds exactly one changes the row.
            var changed = await db.Payments
                .Where(p => p.Id == paymentId && p.Status == PaymentStatus.Completed)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.Status, PaymentStatus.Refunded).SetProperty(x => x.UpdatedAt, now), cancellationToken);
            if (changed == 0) throw ApiError.BadRequest($"Payment {paymentId} cannot be refunded: it is not completed");
            db.Refunds.Add(refund);
            db.Add(db.AuditRow(now, "payment.refunded", $"order {payment.OrderId}", $"payment {payment.Id}: {request.Body.Reason}"));
            // Orders must hear of it even if this process dies right after the commit: the webhook is written with it.
            webhook = await webhooks.OweInTransactionAsync(new PaymentChange(payment.OrderId, payment.Id, PaymentStatus.Refunded, payment.TransactionId));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            await transaction.CommitAsync(cancellationToken);
        }
        metrics.Recorded(PaymentStatus.Refunded);

        using var _ = orderLog.About(payment.OrderId);
        await webhooks.TellOwedAsync(webhook);
        return refund.Adapt<RefundResponse>();
    }
}

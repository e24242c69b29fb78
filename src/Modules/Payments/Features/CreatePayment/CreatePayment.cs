using Ecommerce.Payments.Contracts;
using Ecommerce.Payments.Data;
using Ecommerce.Payments.Domain;
using Ecommerce.Payments.Outbox;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Mediator;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Time;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Payments.Features.CreatePayment;

internal sealed record CreatePayment(CreatePaymentRequest Body) : IRequest<PaymentResponse>, IAboutOrder
{
    public int OrderId => Body.OrderId;
}

internal sealed class CreatePaymentHandler(PaymentsDbContext db, WebhookOutbox webhooks, TimeProvider clock, PaymentsMetrics metrics)
    : IRequestHandler<CreatePayment, PaymentResponse>
{
    public async Task<PaymentResponse> Handle(CreatePayment request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        if (Payment.RefusesAmount(body.Amount) is { } refused) throw ApiError.BadRequest(refused);
        var payment = Payment.Charge(body.OrderId, body.Amount, body.Currency, body.PaymentMethod, clock.UtcNowMicros());
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.InsertAllAsync([payment], cancellationToken);
            await db.AuditAsync([db.AuditRow(payment.CreatedAt, $"payment.{payment.Status}", $"order {payment.OrderId}", $"payment {payment.Id}")], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            // The unique index decides, also between concurrent requests: exactly one payment per order (D17).
            throw ApiError.BadRequest(Payment.AlreadyExists(body.OrderId));
        }

        metrics.Recorded(payment.Status);
        // Committed first: the webhook re-enters Orders, which must not wait on anything this request holds.
        await webhooks.TellAsync(new PaymentChange(payment.OrderId, payment.Id, payment.Status, payment.TransactionId));
        return payment.Adapt<PaymentResponse>();
    }
}

using Ecommerce.Payments.Contracts;
using Ecommerce.Payments.Data;
using Ecommerce.Payments.Domain;
using Ecommerce.Payments.Outbox;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Time;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Payments.Features.CreatePayment;

/// <summary><paramref name="Minimal"/>: the caller asked for outcomes only (Prefer: return=minimal).</summary>
internal sealed record CreatePaymentBatch(PaymentBatchRequest Body, bool Minimal = false) : IRequest<PaymentBatchResponse>;

/// <summary>
/// Every payment as POST /payments would take it, stored in one transaction, then one webhook call to Orders per
/// chunk (not one per payment). The unique index on order_id still decides between concurrent requests.
/// </summary>
internal sealed class CreatePaymentBatchHandler(PaymentsDbContext db, WebhookOutbox webhooks, TimeProvider clock, PaymentsMetrics metrics)
    : IRequestHandler<CreatePaymentBatch, PaymentBatchResponse>
{
    public async Task<PaymentBatchResponse> Handle(CreatePaymentBatch request, CancellationToken cancellationToken)
    {
        var items = request.Body.Payments;
        var results = new PaymentBatchResult[items.Count];
        var now = clock.UtcNowMicros();
        var requested = items.Where(i => i.IsValid).Select(i => i.Value!.OrderId).Distinct().ToList();
        var taken = (await db.Payments.Where(p => requested.Contains(p.OrderId)).Select(p => p.OrderId).ToListAsync(cancellationToken)).ToHashSet();

        var accepted = new List<(int Index, Payment Payment)>();
        foreach (var item in items)
        {
            if (!item.IsValid)
            {
                results[item.Index] = new PaymentBatchResult(item.Index, "invalid", Errors: item.Errors);
                continue;
            }
            var body = item.Value!;
            var refused = Payment.RefusesAmount(body.Amount) ?? (taken.Add(body.OrderId) ? null : Payment.AlreadyExists(body.OrderId));
            if (refused is not null) results[item.Index] = new PaymentBatchResult(item.Index, "rejected", Detail: refused);
            else accepted.Add((item.Index, Payment.Charge(body.OrderId, body.Amount, body.Currency, body.PaymentMethod, now)));
        }

        var stored = new List<Payment>();
        foreach (var (index, payment, saved) in await SaveAsync(accepted, cancellationToken))
        {
            if (saved) stored.Add(payment);
            results[index] = saved
                ? new PaymentBatchResult(index, "created", payment.Id, payment.Status, request.Minimal ? null : payment.Adapt<PaymentResponse>())
                : new PaymentBatchResult(index, "rejected", Detail: Payment.AlreadyExists(payment.OrderId));
        }

        foreach (var byStatus in stored.CountBy(p => p.Status)) metrics.Recorded(byStatus.Key, byStatus.Value);
        await webhooks.TellBatchAsync(stored.Select(p => new PaymentChange(p.OrderId, p.Id, p.Status, p.TransactionId)).ToList());
        return new PaymentBatchResponse(stored.Count, results.Length - stored.Count, results);
    }

    /// <summary>All in one transaction; if a concurrent request took an order meanwhile, one by one so the others still go in.</summary>
    private async Task<List<(int Index, Payment Payment, bool Saved)>> SaveAsync(List<(int Index, Payment Payment)> accepted, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.InsertAllAsync(accepted.Select(a => a.Payment).ToList(), cancellationToken);
            await db.AuditAsync(accepted.Select(a => Audit(a.Payment, a.Payment.Id)).ToList(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return accepted.Select(a => (a.Index, a.Payment, true)).ToList();
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
        }
        var saved = new List<(int Index, Payment Payment, bool Saved)>();
        foreach (var (index, payment) in accepted)
        {
            try
            {
                db.Payments.Add(payment);
                db.Add(Audit(payment, null));
                await db.SaveChangesAsync(cancellationToken);
                saved.Add((index, payment, true));
            }
            catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
            {
                db.ChangeTracker.Clear();
                saved.Add((index, payment, false));
            }
        }
        return saved;
    }

    private AuditEntry Audit(Payment payment, int? id) =>
        db.AuditRow(payment.CreatedAt, $"payment.{payment.Status}", $"order {payment.OrderId}", id is null ? "batch" : $"payment {id}, batch");
}

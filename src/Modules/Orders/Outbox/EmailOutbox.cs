using Ecommerce.Orders.Data;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Outbox;

/// <summary>Records emails that Notifications did not take (or that queue behind an owed one), for the dispatcher.</summary>
internal sealed class EmailOutbox(OrdersDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Whether the order already owes an email (a new one must queue behind it). Asked of the database, which every
    /// replica shares: an email another replica owes holds this one back too.
    /// </summary>
    public Task<bool> IsWaitingAsync(int orderId) => AnyFor.For(db)(db, orderId);

    // Asked for every email (compiled: see CompiledPerModel).
    private static readonly CompiledPerModel<Func<OrdersDbContext, int, Task<bool>>> AnyFor = new(() =>
        EF.CompileAsyncQuery((OrdersDbContext db, int orderId) => db.Set<OwedEmail>().Any(e => e.OrderId == orderId)));

    /// <summary><paramref name="failed"/> is the attempt that failed, or null for an email queued behind an owed one.</summary>
    public async Task OweAsync(IReadOnlyList<(int OrderId, string Message)> emails, Attempt? failed)
    {
        if (emails.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var next = failed?.NextAttemptAt(now) ?? now;
        var owed = emails.Select(e => new OwedEmail
        {
            OrderId = e.OrderId, Message = e.Message, Attempts = failed is null ? 0 : 1, NextAttemptAt = next,
            LastError = OwedWork.Shorten(failed?.Error), CreatedAt = now,
        }).ToList();
        db.AddRange(owed);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        if (failed is not null) await db.RecordAsync(owed.Select(e => (e.OrderId, StepAttempts.Email(e.TemplateName()))), failed, now, next);
    }

    /// <summary>
    /// Adds an email to the caller's unit of work, so it commits with the change that causes it: no crash between the
    /// two can lose it. Held by this request (a lease) so the dispatcher leaves it to <see cref="SettleAsync"/>, unless
    /// the order already has emails waiting: then it queues behind them, free for the dispatcher.
    /// </summary>
    public async Task<OwedEmail> OweInTransactionAsync(int orderId, string message)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var email = new OwedEmail
        {
            OrderId = orderId, Message = message, NextAttemptAt = now, CreatedAt = now,
            ClaimedUntil = await IsWaitingAsync(orderId) ? null : now + OwedWork.Lease,
        };
        db.Add(email);
        return email;
    }

    /// <summary>After the commit: the outcome of the request's own attempt at an email it held.</summary>
    public async Task SettleAsync(OwedEmail email, Attempt attempt)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<OwedEmail>().Where(e => e.Id == email.Id).SettleAsync(attempt, now);
        if (attempt.Delivery != Delivery.Done)
            await db.RecordAsync([(email.OrderId, StepAttempts.Email(email.TemplateName()))], attempt, now,
                attempt.Delivery == Delivery.Retry ? attempt.NextAttemptAt(now) : null);
    }
}

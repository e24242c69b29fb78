using System.Collections.Concurrent;
using Ecommerce.Orders.Data;
using Ecommerce.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Outbox;

/// <summary>
/// The orders that have emails waiting, known in memory so the common case (nothing waiting) costs no query:
/// a new email of such an order queues behind the waiting ones instead of overtaking them (emails of one order stay in
/// order). Read from the database once, before its first use (so a restart knows what the last process left owed);
/// one process owns its outbox.
/// </summary>
internal sealed class WaitingOrders
{
    private readonly ConcurrentDictionary<int, int> _waiting = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;

    public async Task EnsureLoadedAsync(OrdersDbContext db)
    {
        if (_loaded) return;
        await _loading.WaitAsync();
        try
        {
            if (_loaded) return;
            foreach (var orderId in await db.Set<OwedEmail>().Select(e => e.OrderId).ToListAsync()) Add(orderId);
            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    public bool Has(int orderId) => _waiting.ContainsKey(orderId);

    /// <summary>After <c>POST /testing/reset</c> emptied the outbox: nothing waits.</summary>
    public void Clear() => _waiting.Clear();

    public void Add(int orderId) => _waiting.AddOrUpdate(orderId, 1, (_, count) => count + 1);

    public void Remove(int orderId)
    {
        while (_waiting.TryGetValue(orderId, out var count))
        {
            if (count <= 1 ? _waiting.TryRemove(KeyValuePair.Create(orderId, count)) : _waiting.TryUpdate(orderId, count - 1, count)) return;
        }
    }
}

/// <summary>Records emails that Notifications did not take (or that queue behind an owed one), for the dispatcher.</summary>
internal sealed class EmailOutbox(OrdersDbContext db, WaitingOrders waiting, TimeProvider clock)
{
    /// <summary>Whether the order already owes an email (a new one must queue behind it).</summary>
    public async Task<bool> IsWaitingAsync(int orderId)
    {
        await waiting.EnsureLoadedAsync(db);
        return waiting.Has(orderId);
    }

    /// <summary><paramref name="failed"/> is the attempt that failed, or null for an email queued behind an owed one.</summary>
    public async Task OweAsync(IReadOnlyList<(int OrderId, string Message)> emails, Attempt? failed)
    {
        if (emails.Count == 0) return;
        await waiting.EnsureLoadedAsync(db);
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
        foreach (var (orderId, _) in emails) waiting.Add(orderId);
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
        if (attempt.Delivery != Delivery.Retry) waiting.Remove(email.OrderId);
    }

    /// <summary>Counts a committed email as waiting (it is in the table until delivered).</summary>
    public void Committed(OwedEmail email) => waiting.Add(email.OrderId);
}

using System.Collections.Concurrent;
using Ecommerce.Orders.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Outbox;

/// <summary>
/// The orders that have emails waiting, known in memory so the common case (nothing waiting) costs no query:
/// a new email of such an order queues behind the waiting ones instead of overtaking them (emails of one order stay in
/// order). Loaded from the database when the dispatcher starts; one process owns its outbox.
/// </summary>
internal sealed class WaitingOrders
{
    private readonly ConcurrentDictionary<int, int> _waiting = new();

    public bool Has(int orderId) => _waiting.ContainsKey(orderId);

    public void Add(int orderId) => _waiting.AddOrUpdate(orderId, 1, (_, count) => count + 1);

    public void Remove(int orderId)
    {
        while (_waiting.TryGetValue(orderId, out var count))
        {
            if (count <= 1 ? _waiting.TryRemove(KeyValuePair.Create(orderId, count)) : _waiting.TryUpdate(orderId, count - 1, count)) return;
        }
    }

    public void Reset(IEnumerable<int> orderIds)
    {
        _waiting.Clear();
        foreach (var id in orderIds) Add(id);
    }
}

/// <summary>Records emails that Notifications did not take (or that queue behind an owed one), for the dispatcher.</summary>
internal sealed class EmailOutbox(OrdersDbContext db, WaitingOrders waiting, TimeProvider clock)
{
    /// <summary><paramref name="failed"/> is the attempt that failed, or null for an email queued behind an owed one.</summary>
    public async Task OweAsync(IReadOnlyList<(int OrderId, string Message)> emails, EmailAttempt? failed)
    {
        if (emails.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var next = now + (failed is null ? TimeSpan.Zero : failed.RetryAfter ?? Backoff.First);
        foreach (var (orderId, message) in emails)
            db.Add(new OwedEmail
            {
                OrderId = orderId, Message = message, Attempts = failed is null ? 0 : 1, NextAttemptAt = next,
                LastError = OwedEmail.Shorten(failed?.Error), CreatedAt = now,
            });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        foreach (var (orderId, _) in emails) waiting.Add(orderId);
    }
}

/// <summary>Exponential backoff with jitter: 1 s, 2 s, 4 s … capped at 5 minutes, each ±50 %.</summary>
internal static class Backoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    public static TimeSpan After(int attempts) =>
        TimeSpan.FromMilliseconds(Math.Min(Max.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1)))
                                  * (0.5 + Random.Shared.NextDouble()));
}

using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Outbox;

/// <summary>
/// Delivers owed emails in the background, oldest first and in order per order, as batches (one request of the
/// notification limit each): on a 429 it waits the Retry-After, on other failures it backs off exponentially with
/// jitter, and it resumes after a restart from what the database holds. A batch Notifications takes is deleted.
/// </summary>
internal sealed class OwedEmailDispatcher(IServiceScopeFactory scopes, WaitingOrders waiting, TimeProvider clock, ILogger<OwedEmailDispatcher> logger)
    : PollingWorker(clock, logger)
{
    private const int BatchSize = 500;
    /// <summary>How long a taken batch is this dispatcher's; a dispatcher that died lets another take it after that.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>One batch of due emails; true when it was taken (there may be more right away).</summary>
    protected override async Task<bool> RunOnceAsync(CancellationToken stopping)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        await waiting.EnsureLoadedAsync(db); // before the first Remove, so the counts match the table
        var now = Clock.GetUtcNow().UtcDateTime;
        var oldest = await db.Set<OwedEmail>().OrderBy(e => e.Id).Take(BatchSize * 2).ToListAsync(stopping);
        var due = DueInOrder(oldest, now);
        if (due.Count == 0) return false;

        // Taken with a lease by a conditional update: of several dispatchers (replicas) one takes each email.
        var ids = due.Select(e => e.Id).ToList();
        var until = now + Lease;
        await db.Set<OwedEmail>().Where(e => ids.Contains(e.Id) && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.ClaimedUntil, until), stopping);
        var taken = await db.Set<OwedEmail>().Where(e => ids.Contains(e.Id) && e.ClaimedUntil == until).OrderBy(e => e.Id).ToListAsync(stopping);
        if (taken.Count == 0) return false;
        var takenIds = taken.Select(e => e.Id).ToList();

        var notifications = scope.ServiceProvider.GetRequiredService<NotificationsClient>();
        var attempt = await notifications.SendEmailBatchAsync(taken.Select(e => e.Message).ToList());
        if (attempt.Delivery == EmailDelivery.Retry)
        {
            // The whole batch waits equally long, so no email overtakes an earlier one of its order.
            var attempts = taken.Max(e => e.Attempts) + 1;
            var next = Clock.GetUtcNow().UtcDateTime + (attempt.RetryAfter ?? Backoff.After(attempts));
            var error = OwedEmail.Shorten(attempt.Error);
            await db.Set<OwedEmail>().Where(e => takenIds.Contains(e.Id)).ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Attempts, e => e.Attempts + 1)
                .SetProperty(e => e.NextAttemptAt, next)
                .SetProperty(e => e.ClaimedUntil, (DateTime?)null)
                .SetProperty(e => e.LastError, error), CancellationToken.None);
            Logger.LogWarning("{Count} owed emails not delivered ({Error}); next attempt at {NextAttemptAt:o}", taken.Count, attempt.Error, next);
            return false;
        }
        if (attempt.Delivery == EmailDelivery.Refused)
            Logger.LogError("{Count} owed emails refused for good by Notifications: {Error}", taken.Count, attempt.Error);
        else
            Logger.LogInformation("{Count} owed emails delivered", taken.Count);
        await db.Set<OwedEmail>().Where(e => takenIds.Contains(e.Id)).ExecuteDeleteAsync(CancellationToken.None);
        foreach (var email in taken) waiting.Remove(email.OrderId);
        return true;
    }

    /// <summary>
    /// The due emails among the oldest, in id order, taking for each order only those before its first email that is
    /// not due (or held by another dispatcher): an order's emails go out in the order they were decided.
    /// </summary>
    internal static List<OwedEmail> DueInOrder(IReadOnlyList<OwedEmail> oldestFirst, DateTime now)
    {
        var blocked = new HashSet<int>();
        var due = new List<OwedEmail>();
        foreach (var email in oldestFirst)
        {
            if (blocked.Contains(email.OrderId)) continue;
            if (email.NextAttemptAt <= now && (email.ClaimedUntil is null || email.ClaimedUntil < now)) due.Add(email);
            else blocked.Add(email.OrderId);
            if (due.Count == BatchSize) break;
        }
        return due;
    }
}

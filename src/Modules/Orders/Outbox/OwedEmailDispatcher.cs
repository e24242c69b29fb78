using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Data;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Outbox;

/// <summary>
/// Delivers owed emails in the background, oldest first and in order per order (<see cref="PerOrderQueue{T}"/>), as
/// batches (one request of the notification limit each): on a 429 it waits the Retry-After, on other failures it backs
/// off exponentially with jitter, and it resumes after a restart from what the database holds. A batch Notifications
/// takes is deleted.
/// </summary>
internal sealed class OwedEmailDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OwedEmailDispatcher> logger,
    ModuleDatabases databases)
    : PollingWorker(clock, logger, databases)
{
    private const int BatchSize = 500;

    /// <summary>One batch of due emails; true when it was taken (there may be more right away).</summary>
    protected override async Task<bool> RunOnceAsync(CancellationToken stopping)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var (taken, lapsed, _) = await OwedEmail.Queue.TakeAsync(db.Set<OwedEmail>(), Clock.GetUtcNow().UtcDateTime, BatchSize, stopping);
        if (taken.Count == 0) return false;

        var notifications = scope.ServiceProvider.GetRequiredService<NotificationsClient>();
        // An email whose holder died (its lease ran out) may have reached Notifications just before: not sent twice.
        var (held, unknown) = await CheckLapsedAsync(notifications, taken.Where(e => lapsed.Contains(e.Id)).ToList());
        await ForgetAsync(db, taken.Where(e => held.Contains(e.Id)).ToList());
        // Those Notifications could not be asked about stay held: their lease runs out again and they are asked about then.
        var send = taken.Where(e => !held.Contains(e.Id) && !unknown.Contains(e.Id)).ToList();
        if (send.Count == 0) return held.Count > 0;

        var attempt = await notifications.SendEmailBatchAsync(send.Select(e => e.Message).ToList());
        var sendIds = send.Select(e => e.Id).ToList();
        if (attempt.Delivery == Delivery.Retry)
        {
            // The whole batch waits equally long, so no email overtakes an earlier one of its order.
            var next = Clock.GetUtcNow().UtcDateTime + (attempt.RetryAfter ?? Backoff.After(send.Max(e => e.Attempts) + 1));
            await db.Set<OwedEmail>().Where(e => sendIds.Contains(e.Id)).PostponeAsync(next, attempt.Error);
            await db.RecordAsync(Steps(send), attempt, Clock.GetUtcNow().UtcDateTime, next);
            Logger.LogWarning("{Count} owed emails not delivered ({Error}); next attempt at {NextAttemptAt:o}", send.Count, attempt.Error, next);
            return false;
        }
        if (attempt.Delivery == Delivery.Refused)
            Logger.LogError("{Count} owed emails refused for good by Notifications: {Error}", send.Count, attempt.Error);
        else
            Logger.LogInformation("{Count} owed emails delivered", send.Count);
        await ForgetAsync(db, send);
        await db.RecordAsync(Steps(send), attempt, Clock.GetUtcNow().UtcDateTime);
        return true;
    }

    private static IEnumerable<(int OrderId, string Step)> Steps(List<OwedEmail> emails) =>
        emails.Select(e => (e.OrderId, StepAttempts.Email(e.TemplateName())));

    private static async Task ForgetAsync(OrdersDbContext db, List<OwedEmail> done)
    {
        if (done.Count == 0) return;
        var ids = done.Select(e => e.Id).ToList();
        await db.Set<OwedEmail>().Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>
    /// Of emails that may have been sent already: those Notifications holds (same order, same template), and those it
    /// could not be asked about.
    /// </summary>
    private static async Task<(HashSet<int> Held, HashSet<int> Unknown)> CheckLapsedAsync(NotificationsClient notifications, List<OwedEmail> maybeSent)
    {
        var held = new HashSet<int>();
        var unknown = new HashSet<int>();
        foreach (var order in maybeSent.GroupBy(e => e.OrderId))
        {
            if (await notifications.TemplatesSentAsync(order.Key) is not { } sent) unknown.UnionWith(order.Select(e => e.Id));
            else held.UnionWith(order.Where(e => sent.Contains(e.TemplateName())).Select(e => e.Id));
        }
        return (held, unknown);
    }
}

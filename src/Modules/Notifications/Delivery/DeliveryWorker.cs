using Ecommerce.Notifications.Data;
using Ecommerce.Notifications.Domain;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Notifications.Delivery;

/// <summary>
/// Hands queued notifications to their channel's provider in the background, oldest first and in order per order (a
/// message that is not delivered yet holds back the later ones of its order, across replicas too), with backoff and
/// jitter between attempts, resuming after a restart from what the database holds. A provider's lanes (SMTP connections)
/// work side by side, each order on one lane. Outcomes are written at most 0.1 s after they are known, so after a crash
/// at most those few are handed over again, with the same Message-Id. A round starts no hand-over once half its claim's
/// lease has passed (a sending quota or a slow server): the rest is given back untried, never left to lapse into another
/// replica's hands while this one still sends it; and a provider that gives no answer at all costs one try a lane, the
/// lane's later messages waiting with that error (<see cref="ClaimedRound"/>).
/// </summary>
internal sealed class DeliveryWorker(IServiceScopeFactory scopes, DeliveryProviders providers, LoggedDelivery logged, NotificationsMetrics metrics,
    TimeProvider clock, ILogger<DeliveryWorker> logger, ModuleDatabases databases, OrderLog orderLog)
    : PollingWorker(clock, logger, databases)
{
    /// <summary>Large enough that a bulk import flows in few rounds (five queries each); a shutdown lets the round in hand finish.</summary>
    private const int BatchSize = 500;

    public const string EarlierNotDelivered = "An earlier message of this order is not delivered yet";

    /// <summary>
    /// Outcomes are written together, at most this many or this late: a write per message held the module's database
    /// for each one, and the API's own writes waited (bench orders --smtp, same run: 299 and 378 orders/s against 416 and 381
    /// without; grouped, with full-batch rounds: 390 and 381 against 424 and 439). A crash
    /// between a provider's acceptance and the write hands those few over again, with the same Message-Id.
    /// </summary>
    private const int WriteEvery = 200;
    private static readonly TimeSpan WriteAfter = TimeSpan.FromMilliseconds(100);

    private sealed record Outcome(OwedDelivery Row, Notification Notification, Attempt? Attempt, DateTime At);

    protected override async Task<bool> RunOnceAsync(CancellationToken stopping)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var claimedAt = Clock.GetUtcNow().UtcDateTime;
        var (taken, _, full) = await OwedDelivery.Queue.TakeAsync(db.Set<OwedDelivery>(), claimedAt, BatchSize, stopping);
        if (taken.Count == 0) return false;

        var takenIds = taken.Select(d => d.NotificationId).ToList();
        var notifications = await db.Notifications.Where(n => takenIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, stopping);
        // Each order's messages on one lane of its provider, in order; the lanes side by side. One DbContext: writes take turns.
        using var writes = new SemaphoreSlim(1, 1);
        var lanes = taken.GroupBy(d => (d.Channel, Lane: providers.For(d.Channel) is { } p ? LaneOf(d.OrderId, p.Lanes) : 0))
            .Select(lane => RunLaneAsync(db, writes, providers.For(lane.Key.Channel), lane.Key.Lane, lane.ToList(), notifications,
                new ClaimedRound(claimedAt, Clock), stopping));
        var stoppedShort = await Task.WhenAll(lanes);
        // Right away again only after a full batch: a part batch means the queue is drained, and a pause lets the next
        // messages gather into one round instead of a round (five queries) per message or two while orders stream in.
        return full && stoppedShort.All(s => !s);
    }

    /// <summary>An order's lane; the API takes any order id, negative ones too.</summary>
    private static int LaneOf(int orderId, int lanes) => (int)((uint)orderId % (uint)lanes);

    /// <summary>
    /// One lane's messages in order, in groups the provider takes at once; true when it stopped short: one was not
    /// delivered (its order's later ones were held back), or the claim's time ran short and the rest was given back
    /// untried (<see cref="ClaimedRound"/>). Once the provider gave no answer at all, the lane's later messages get that
    /// outcome without a try.
    /// </summary>
    private async Task<bool> RunLaneAsync(NotificationsDbContext db, SemaphoreSlim writes, IDeliveryProvider? provider, int lane,
        List<OwedDelivery> rows, Dictionary<int, Notification> notifications, ClaimedRound round, CancellationToken stopping)
    {
        var heldBack = new HashSet<int>();
        var outcomes = new List<Outcome>();
        try
        {
            var gaveBack = await round.WorkInTurnAsync(Groups(rows, provider?.MostAtOnce ?? rows.Count), async group =>
            {
                var sending = new List<OwedDelivery>(group.Count);
                foreach (var row in group)
                {
                    if (!heldBack.Contains(row.OrderId))
                    {
                        sending.Add(row);
                        continue;
                    }
                    using var _ = orderLog.About(row.OrderId);
                    await InTurnAsync(writes, () => db.Set<OwedDelivery>().Where(d => d.NotificationId == row.NotificationId)
                        .PostponeAsync(Clock.GetUtcNow().UtcDateTime, EarlierNotDelivered));
                }
                if (sending.Count == 0) return true;
                var messages = sending.Select(row => notifications[row.NotificationId]).ToList();
                IReadOnlyList<Attempt?> attempts;
                if (provider is null)
                {
                    logged.Log(messages); // its provider was configured when it was accepted and is not any more
                    attempts = new Attempt?[messages.Count];
                }
                else if (round.Unanswered is { } unanswered) attempts = [.. messages.Select(_ => unanswered)];
                else
                {
                    // With a sending quota a group is one message (MostAtOnce), so a turn that comes too late takes nothing.
                    foreach (var _ in messages)
                        if (!await provider.WaitTurnAsync(round.TryBy, stopping)) return false;
                    WorkRound.MarkBusy();
                    attempts = [.. (await provider.DeliverAsync(messages, lane, stopping)).Select(round.Saw)];
                }
                var now = Clock.GetUtcNow().UtcDateTime;
                for (var i = 0; i < sending.Count; i++)
                {
                    outcomes.Add(new Outcome(sending[i], messages[i], attempts[i], now));
                    if (attempts[i]?.Delivery == Shared.Outbox.Delivery.Retry) heldBack.Add(sending[i].OrderId);
                }
                if (outcomes.Count >= WriteEvery || now - outcomes[0].At >= WriteAfter) await InTurnAsync(writes, () => RecordAsync(db, outcomes));
                return true;
            }, untried =>
            {
                var ids = untried.SelectMany(group => group).Select(r => r.NotificationId).ToList();
                return InTurnAsync(writes, () => db.Set<OwedDelivery>().Where(d => ids.Contains(d.NotificationId)).ReleaseAsync());
            });
            return gaveBack || heldBack.Count > 0;
        }
        finally
        {
            // Also when the shutdown timeout cancels the round: what the provider took is written, not handed over again.
            if (outcomes.Count > 0) await InTurnAsync(writes, () => RecordAsync(db, outcomes));
        }
    }

    /// <summary>
    /// The lane's rows in order, cut into groups of at most <paramref name="most"/> with no order twice in one: an order's
    /// next message goes only once the one before has its outcome (a message not delivered holds back the later ones).
    /// </summary>
    internal static List<List<OwedDelivery>> Groups(IReadOnlyList<OwedDelivery> rows, int most)
    {
        var groups = new List<List<OwedDelivery>>();
        var orders = new HashSet<int>();
        foreach (var row in rows)
        {
            if (groups.Count == 0 || groups[^1].Count >= most || !orders.Add(row.OrderId))
            {
                groups.Add([]);
                orders.Clear();
                orders.Add(row.OrderId);
            }
            groups[^1].Add(row);
        }
        return groups;
    }

    private static async Task InTurnAsync(SemaphoreSlim writes, Func<Task> write)
    {
        await writes.WaitAsync(CancellationToken.None);
        try
        {
            await write();
        }
        finally
        {
            writes.Release();
        }
    }

    /// <summary>
    /// Writes attempts' outcomes in one transaction, each notification's delivery state with its owed row: delivered or
    /// refused rows are gone, a transient failure is put back for later. An outcome without an attempt was only logged.
    /// </summary>
    private async Task RecordAsync(NotificationsDbContext db, List<Outcome> outcomes)
    {
        var settled = new List<int>();
        await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
        {
            // One statement per kind of outcome (a server's replies are often alike), not one per message.
            foreach (var kind in outcomes.GroupBy(o => (State: StateAfter(o.Attempt), Error: OwedWork.Shorten(o.Attempt?.Error),
                         Reply: OwedWork.Shorten(o.Attempt?.Reply), Counted: o.Attempt is null ? 0 : 1)))
            {
                var (state, error, reply, counted) = kind.Key;
                var ids = kind.Select(o => o.Row.NotificationId).ToList();
                DateTime? deliveredAt = state == DeliveryState.Delivered ? kind.Max(o => o.At) : null;
                await db.Notifications.Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(set => set
                    .SetProperty(n => n.DeliveryState, state)
                    .SetProperty(n => n.DeliveryAttempts, n => n.DeliveryAttempts + counted)
                    .SetProperty(n => n.DeliveryError, n => error ?? n.DeliveryError)
                    .SetProperty(n => n.DeliveryReply, n => reply ?? n.DeliveryReply)
                    .SetProperty(n => n.DeliveredAt, n => deliveredAt ?? n.DeliveredAt), CancellationToken.None);
                if (state != DeliveryState.Queued)
                {
                    settled.AddRange(ids);
                    continue;
                }
                // Messages that failed alike after as many attempts wait alike: one statement for each such group (an
                // outage fails a whole round's), not one per message.
                foreach (var alike in kind.GroupBy(o => (o.Row.Attempts, o.Attempt!.RetryAfter)))
                {
                    var waiting = alike.Select(o => o.Row.NotificationId).ToList();
                    await db.Set<OwedDelivery>().Where(d => waiting.Contains(d.NotificationId))
                        .PostponeAsync(alike.Max(o => o.At) + (alike.Key.RetryAfter ?? Backoff.After(alike.Key.Attempts + 1)), error);
                }
            }
            await db.Set<OwedDelivery>().Where(d => settled.Contains(d.NotificationId)).ExecuteDeleteAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        foreach (var outcome in outcomes) Report(outcome);
        outcomes.Clear();
    }

    private static string StateAfter(Attempt? attempt) => attempt is null ? DeliveryState.Logged : DeliveryState.After(attempt.Delivery);

    /// <summary>The metric and the log line of one written outcome (the recipient masked).</summary>
    private void Report(Outcome outcome)
    {
        var (row, notification, attempt, _) = outcome;
        var state = StateAfter(attempt);
        metrics.Delivery(notification.Channel, state == DeliveryState.Queued ? "retried" : state);
        using var _ = orderLog.About(row.OrderId);
        if (attempt is null) return;
        if (state == DeliveryState.Delivered)
            Logger.LogInformation("Delivered {Channel} {TemplateName} #{NotificationId} for order {OrderId} to {Recipient}: {Reply}",
                notification.Channel, notification.TemplateName, notification.Id, notification.OrderId, LoggedDelivery.Mask(notification.Recipient),
                attempt.Reply);
        else if (state == DeliveryState.Failed)
            Logger.LogError("{Channel} #{NotificationId} for order {OrderId} to {Recipient} refused for good: {Error}",
                notification.Channel, notification.Id, notification.OrderId, LoggedDelivery.Mask(notification.Recipient), attempt.Error);
        else
            Logger.LogWarning("{Channel} #{NotificationId} for order {OrderId} not delivered (attempt {Attempt}): {Error}; tried again later",
                notification.Channel, notification.Id, notification.OrderId, row.Attempts + 1, attempt.Error);
    }
}

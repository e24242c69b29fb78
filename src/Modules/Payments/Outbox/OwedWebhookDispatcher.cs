using Ecommerce.Payments.Clients;
using Ecommerce.Payments.Data;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Payments.Outbox;

/// <summary>
/// Tells Orders the payment changes it missed, oldest first, one webhook at a time (they are rare: Orders was down or
/// failing), each order's in the order they happened: a webhook that fails holds back the later ones of its order.
/// 5xx, timeout, no connection: tried again with backoff; a 4xx is final (Orders judged it) and logged. Orders not
/// answering at all costs one call a round, and a round keeps within its lease (<see cref="ClaimedRound"/>).
/// </summary>
internal sealed class OwedWebhookDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OwedWebhookDispatcher> logger,
    ModuleDatabases databases, OrderLog orderLog)
    : PollingWorker(clock, logger, databases)
{
    protected override async Task<bool> RunOnceAsync(CancellationToken stopping)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var now = Clock.GetUtcNow().UtcDateTime;
        // An order whose oldest webhook is not due (or held) waits as a whole: its later ones must not overtake it.
        var blocked = db.Set<OwedWebhook>().Where(w => w.NextAttemptAt > now || (w.ClaimedUntil != null && w.ClaimedUntil >= now))
            .Select(w => w.OrderId);
        var ids = await db.Set<OwedWebhook>().Due(now).Where(w => !blocked.Contains(w.OrderId))
            .OrderBy(w => w.Id).Select(w => w.Id).Take(100).ToListAsync(stopping);
        if (ids.Count == 0) return false;
        var orders = scope.ServiceProvider.GetRequiredService<OrdersWebhookClient>();
        var failedOrders = new HashSet<int>();
        var round = new ClaimedRound(now, Clock);
        var claimed = (await db.Set<OwedWebhook>().Where(w => ids.Contains(w.Id)).ClaimAsync(now, stopping)).OrderBy(w => w.Id).ToList();
        var gaveBack = await round.WorkInTurnAsync(claimed, async webhook =>
        {
            using var _ = orderLog.About(webhook.OrderId);
            var row = db.Set<OwedWebhook>().Where(w => w.Id == webhook.Id);
            var attempt = failedOrders.Contains(webhook.OrderId) ? null : round.Unanswered ?? round.Saw(await orders.NotifyAsync(PaymentChange.Of(webhook)));
            if (attempt is null || attempt.Delivery == Delivery.Retry)
            {
                failedOrders.Add(webhook.OrderId);
                var next = Clock.GetUtcNow().UtcDateTime + (attempt?.RetryAfter ?? Backoff.After(webhook.Attempts + 1));
                await row.PostponeAsync(next, attempt?.Error ?? "An earlier webhook of this order is not delivered yet");
                return true;
            }
            if (attempt.Delivery == Delivery.Refused)
                Logger.LogError("Owed {PaymentStatus} webhook of order {OrderId} refused by Orders: {Error}", webhook.PaymentStatus, webhook.OrderId, attempt.Error);
            else
                Logger.LogInformation("Owed {PaymentStatus} webhook of order {OrderId} delivered", webhook.PaymentStatus, webhook.OrderId);
            await row.ExecuteDeleteAsync(CancellationToken.None);
            return true;
        }, untried =>
        {
            var left = untried.Select(w => w.Id).ToList();
            return db.Set<OwedWebhook>().Where(w => left.Contains(w.Id)).ReleaseAsync();
        });
        if (gaveBack) return false;
        return failedOrders.Count == 0;
    }
}

using Ecommerce.Orders.Chain;
using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ecommerce.Orders.Outbox;

/// <summary>
/// Finishes the chains a dead process left half done, after the grace period: an order still pending gets its payment
/// looked up (and requested when there is none: Payments keeps one per order, so this never charges twice), is marked
/// paid when the payment completed, and gets the email its outcome calls for unless Notifications already holds it or
/// it is owed. Payments or Notifications not answering: tried again with backoff. Each chain is taken under a lease.
/// Owed refunds of cancelled orders are settled the same way (no grace: they are written down only when due).
/// </summary>
internal sealed class ChainRecovery(IServiceScopeFactory scopes, IOptions<OrdersOptions> options, TimeProvider clock, ILogger<ChainRecovery> logger,
    ModuleDatabases databases, OrderLog orderLog)
    : PollingWorker(clock, logger, databases)
{
    /// <summary>Chains and refunds at their own pace: each round takes what is due, then pauses.</summary>
    protected override async Task<bool> RunOnceAsync(CancellationToken stopping)
    {
        var startedBefore = Clock.GetUtcNow().UtcDateTime - options.Value.ChainRecoveryGrace;
        await WorkThroughAsync<UnfinishedChain>(rows => rows.Where(c => c.StartedAt <= startedBefore),
            (services, db, chain) => FinishAsync(services, db, chain.OrderId), "chain", stopping);
        await WorkThroughAsync<OwedRefund>(rows => rows,
            (services, _, refund) => services.GetRequiredService<OrderRefunds>().SettleAsync(refund.OrderId), "refund", stopping);
        return false;
    }

    /// <summary>
    /// Takes up to 100 due rows of one kind (the <paramref name="step"/> of the attempt log) under a lease and tries each
    /// while the lease has time left (<see cref="ClaimedRound"/>: Payments or Notifications slow to answer would otherwise
    /// stretch a round past it): done, the row goes; not yet, it is put back with backoff and the reason; not tried in
    /// time, it is given back untried. Each try is in the attempt log.
    /// </summary>
    private async Task WorkThroughAsync<T>(Func<IQueryable<T>, IQueryable<T>> eligible,
        Func<IServiceProvider, OrdersDbContext, T, Task<string?>> attempt, string step, CancellationToken stopping)
        where T : OwedWorkRow, IOwedByOrder
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var due = await eligible(db.Set<T>().Due(now)).OrderBy(r => r.OrderId).Select(r => r.OrderId).Take(100).ToListAsync(stopping);
        if (due.Count == 0) return;
        var claimed = await db.Set<T>().Where(r => due.Contains(r.OrderId)).ClaimAsync(now, stopping);
        await new ClaimedRound(now, Clock).WorkInTurnAsync(claimed, async row =>
        {
            using var _ = orderLog.About(row.OrderId);
            string? error;
            try
            {
                error = await attempt(scope.ServiceProvider, db, row);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                error = exception.Message;
            }
            var rows = db.Set<T>().Where(r => r.OrderId == row.OrderId);
            var tried = Clock.GetUtcNow().UtcDateTime;
            if (error is null)
            {
                await rows.ExecuteDeleteAsync(CancellationToken.None);
                await db.RecordAsync([(row.OrderId, step)], Attempt.Done, tried);
                Logger.LogInformation("Finished the {Step} of order {OrderId}", step, row.OrderId);
                return true;
            }
            var next = tried + Backoff.After(row.Attempts + 1);
            await rows.PostponeAsync(next, error);
            await db.RecordAsync([(row.OrderId, step)], new Attempt(Delivery.Retry, error), tried, next);
            Logger.LogWarning("Could not finish the {Step} of order {OrderId} yet: {Error}", step, row.OrderId, error);
            return true;
        }, untried =>
        {
            var left = untried.Select(r => r.OrderId).ToList();
            return db.Set<T>().Where(r => left.Contains(r.OrderId)).ReleaseAsync();
        });
    }

    /// <summary>
    /// Null when the chain is finished, else why not yet (tried again later). A pending order's payment is looked up (or
    /// made); an order past pending was paid (or cancelled) before the process died; either way the chain ends as a fresh
    /// one does, without an email Notifications already holds or that is owed.
    /// </summary>
    private async Task<string?> FinishAsync(IServiceProvider services, OrdersDbContext db, int orderId)
    {
        var order = await db.Orders.Include(o => o.Items).FirstOrDefaultAsync(o => o.Id == orderId);
        if (order is null) return null;
        var sent = await services.GetRequiredService<NotificationsClient>().TemplatesSentAsync(orderId);
        if (sent is null) return "Notifications did not answer";
        var owed = (await db.Set<OwedEmail>().Where(e => e.OrderId == orderId).ToListAsync()).Select(e => e.TemplateName()).ToList();

        PaymentOutcome outcome;
        if (order.Status == OrderStatus.Pending)
        {
            var payments = services.GetRequiredService<PaymentsClient>();
            var lookup = await payments.LookupAsync(orderId);
            if (!lookup.Answered) return "Payments did not answer";
            outcome = lookup.Payment is { } payment
                ? new PaymentOutcome(payment.Status, payment.Status == PaymentView.Completed ? null : $"Payment {payment.Status}")
                : await payments.CreateAsync(order.Id, order.TotalAmount, order.Currency);
            if (outcome.FailureReason == PaymentOutcome.Unavailable) return "Payments did not answer";
        }
        else outcome = new PaymentOutcome(order.Status == OrderStatus.Cancelled ? null : PaymentView.Completed, null);

        await services.GetRequiredService<OrderChain>().FinishAsync([order], new Dictionary<int, PaymentOutcome> { [orderId] = outcome },
            OrderMovers.Recovery, decided: (_, template) => sent.Contains(template) || owed.Contains(template));
        return null;
    }
}

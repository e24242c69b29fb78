using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Serilog.Context;

namespace Ecommerce.Orders.Outbox;

/// <summary><c>Orders:ChainRecoveryAfterSeconds</c> (default 60): longer than any chain can take in its request (30 s + 10 s).</summary>
internal sealed record ChainRecoverySettings(TimeSpan Grace)
{
    public static ChainRecoverySettings From(IConfiguration configuration)
    {
        var raw = configuration["Orders:ChainRecoveryAfterSeconds"];
        if (raw is null) return new ChainRecoverySettings(TimeSpan.FromSeconds(60));
        return double.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? new ChainRecoverySettings(TimeSpan.FromSeconds(seconds))
            : throw new InvalidOperationException($"Orders:ChainRecoveryAfterSeconds must be a number of seconds greater than 0, not '{raw}'.");
    }
}

/// <summary>
/// Finishes the chains a dead process left half done, after the grace period: an order still pending gets its payment
/// looked up (and requested when there is none: Payments keeps one per order, so this never charges twice), is marked
/// paid when the payment completed, and gets the email its outcome calls for unless Notifications already holds it or
/// it is owed. Payments or Notifications not answering: tried again with backoff. Each chain is taken under a lease.
/// Owed refunds of cancelled orders are settled the same way (no grace: they are written down only when due).
/// </summary>
internal sealed class ChainRecovery(IServiceScopeFactory scopes, ChainRecoverySettings settings, TimeProvider clock, ILogger<ChainRecovery> logger)
    : PollingWorker(clock, logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Chains and refunds at their own pace: each round takes what is due, then pauses.</summary>
    protected override async Task<bool> RunOnceAsync(CancellationToken stopping)
    {
        await RecoverDueAsync(stopping);
        await RefundDueAsync(stopping);
        return false;
    }

    private async Task RecoverDueAsync(CancellationToken stopping)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var startedBefore = now - settings.Grace;
        var due = await db.Set<UnfinishedChain>()
            .Where(c => c.StartedAt <= startedBefore && c.NextAttemptAt <= now && (c.ClaimedUntil == null || c.ClaimedUntil < now))
            .OrderBy(c => c.OrderId).Select(c => c.OrderId).Take(100).ToListAsync(stopping);
        if (due.Count == 0) return;
        var until = now + Lease;
        await db.Set<UnfinishedChain>().Where(c => due.Contains(c.OrderId) && (c.ClaimedUntil == null || c.ClaimedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ClaimedUntil, until), stopping);
        var taken = await db.Set<UnfinishedChain>().Where(c => due.Contains(c.OrderId) && c.ClaimedUntil == until).ToListAsync(stopping);

        foreach (var chain in taken)
        {
            using var _ = LogContext.PushProperty("OrderId", chain.OrderId);
            string? error;
            try
            {
                error = await FinishAsync(scope.ServiceProvider, db, chain.OrderId);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                error = exception.Message;
            }
            if (error is null)
            {
                await db.Set<UnfinishedChain>().Where(c => c.OrderId == chain.OrderId).ExecuteDeleteAsync(CancellationToken.None);
                Logger.LogInformation("Recovered the unfinished chain of order {OrderId}", chain.OrderId);
                continue;
            }
            var next = Clock.GetUtcNow().UtcDateTime + Backoff.After(chain.Attempts + 1);
            var shortened = OwedEmail.Shorten(error);
            await db.Set<UnfinishedChain>().Where(c => c.OrderId == chain.OrderId).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.Attempts, c => c.Attempts + 1).SetProperty(c => c.NextAttemptAt, next)
                .SetProperty(c => c.ClaimedUntil, (DateTime?)null).SetProperty(c => c.LastError, shortened), CancellationToken.None);
            Logger.LogWarning("The unfinished chain of order {OrderId} could not be finished yet: {Error}", chain.OrderId, error);
        }
    }

    private async Task RefundDueAsync(CancellationToken stopping)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var until = now + Lease;
        var due = await db.Set<OwedRefund>().Where(r => r.NextAttemptAt <= now && (r.ClaimedUntil == null || r.ClaimedUntil < now))
            .OrderBy(r => r.OrderId).Select(r => r.OrderId).Take(100).ToListAsync(stopping);
        if (due.Count == 0) return;
        await db.Set<OwedRefund>().Where(r => due.Contains(r.OrderId) && (r.ClaimedUntil == null || r.ClaimedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ClaimedUntil, until), stopping);
        var taken = await db.Set<OwedRefund>().Where(r => due.Contains(r.OrderId) && r.ClaimedUntil == until).ToListAsync(stopping);
        var refunds = scope.ServiceProvider.GetRequiredService<OrderRefunds>();
        foreach (var refund in taken)
        {
            using var _ = LogContext.PushProperty("OrderId", refund.OrderId);
            if (await refunds.SettleAsync(refund.OrderId) is not { } error)
            {
                Logger.LogInformation("Made the owed refund of cancelled order {OrderId}", refund.OrderId);
                continue;
            }
            var next = Clock.GetUtcNow().UtcDateTime + Backoff.After(refund.Attempts + 1);
            await db.Set<OwedRefund>().Where(r => r.OrderId == refund.OrderId).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Attempts, r => r.Attempts + 1).SetProperty(r => r.NextAttemptAt, next)
                .SetProperty(r => r.ClaimedUntil, (DateTime?)null).SetProperty(r => r.LastError, error), CancellationToken.None);
            Logger.LogWarning("The owed refund of cancelled order {OrderId} is not made yet: {Error}", refund.OrderId, error);
        }
    }

    /// <summary>Null when the chain is finished, else why not yet (tried again later).</summary>
    private async Task<string?> FinishAsync(IServiceProvider services, OrdersDbContext db, int orderId)
    {
        var order = await db.Orders.Include(o => o.Items).FirstOrDefaultAsync(o => o.Id == orderId);
        if (order is null) return null;
        var notifications = services.GetRequiredService<NotificationsClient>();
        var sent = await notifications.TemplatesSentAsync(orderId);
        if (sent is null) return "Notifications did not answer";
        var owed = await db.Set<OwedEmail>().Where(e => e.OrderId == orderId).Select(e => e.Message).ToListAsync();
        bool Decided(string template) => sent.Contains(template) || owed.Any(m => m.Contains($"\"template_name\":\"{template}\"", StringComparison.Ordinal));

        string? failure = null;
        if (order.Status == OrderStatus.Pending)
        {
            var payments = services.GetRequiredService<PaymentsClient>();
            var lookup = await payments.LookupAsync(orderId);
            if (!lookup.Answered) return "Payments did not answer";
            var outcome = lookup.Payment is { } payment
                ? new PaymentOutcome(payment.Status, payment.Status == PaymentView.Completed ? null : $"Payment {payment.Status}")
                : await payments.CreateAsync(order.Id, order.TotalAmount, order.Currency);
            if (outcome.FailureReason == PaymentOutcome.Unavailable) return "Payments did not answer";
            if (outcome.Succeeded && !await db.TryMoveAsync(order, OrderStatus.Paid, Clock.UtcNowMicros())) await db.RefreshAsync(order);
            failure = outcome.Succeeded ? null : outcome.FailureReason;
        }

        var notifier = services.GetRequiredService<OrderNotifier>();
        if ((order.Status is OrderStatus.Paid or OrderStatus.Shipped or OrderStatus.Delivered) && !Decided(OrderNotifier.Confirmation))
            await notifier.SendAsync(order, OrderNotifier.Confirmation);
        else if (order.Status == OrderStatus.Pending && !Decided(OrderNotifier.PaymentFailed))
            await notifier.SendAsync(order, OrderNotifier.PaymentFailed, failure);
        return null;
    }
}

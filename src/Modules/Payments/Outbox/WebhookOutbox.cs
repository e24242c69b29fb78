using Ecommerce.Payments.Clients;
using Ecommerce.Payments.Data;
using Ecommerce.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Payments.Outbox;

/// <summary>
/// Tells Orders about payment status changes and keeps owing what it could not tell. A new payment's webhook is sent
/// first and written down only if it failed (Orders' own chain recovery covers a crash in between, and the hot path stays
/// one write); a refund's is written in the refund's transaction, since nothing else would remember it.
/// </summary>
internal sealed class WebhookOutbox(PaymentsDbContext db, OrdersWebhookClient orders, TimeProvider clock)
{
    public async Task TellAsync(PaymentChange change)
    {
        var attempt = await orders.NotifyAsync(change);
        if (attempt.Delivery == Delivery.Retry) await OweAsync([change], attempt);
    }

    public async Task TellBatchAsync(IReadOnlyList<PaymentChange> changes)
    {
        foreach (var (chunk, attempt) in await orders.NotifyBatchAsync(changes))
            if (attempt.Delivery == Delivery.Retry) await OweAsync(chunk, attempt);
    }

    /// <summary>
    /// Adds the webhook to the caller's open transaction, held by this request so the dispatcher leaves it to
    /// <see cref="TellOwedAsync"/>; free for the dispatcher if the order already has webhooks waiting (they go first).
    /// </summary>
    public async Task<OwedWebhook> OweInTransactionAsync(PaymentChange change)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var waiting = await db.Set<OwedWebhook>().AnyAsync(w => w.OrderId == change.OrderId);
        var webhook = Row(change, now);
        webhook.ClaimedUntil = waiting ? null : now + OwedWork.Lease;
        db.Add(webhook);
        return webhook;
    }

    /// <summary>After the commit: tells Orders about a webhook written by <see cref="OweInTransactionAsync"/>.</summary>
    public async Task TellOwedAsync(OwedWebhook webhook)
    {
        if (webhook.ClaimedUntil is null) return;
        var attempt = await orders.NotifyAsync(PaymentChange.Of(webhook));
        await db.Set<OwedWebhook>().Where(w => w.Id == webhook.Id).SettleAsync(attempt, clock.GetUtcNow().UtcDateTime);
    }

    private async Task OweAsync(IReadOnlyList<PaymentChange> changes, Attempt failed)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var change in changes)
        {
            var webhook = Row(change, now);
            webhook.Attempts = 1;
            webhook.NextAttemptAt = now + (failed.RetryAfter ?? Backoff.First);
            webhook.LastError = OwedWork.Shorten(failed.Error);
            db.Add(webhook);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }

    private static OwedWebhook Row(PaymentChange change, DateTime now) => new()
    {
        OrderId = change.OrderId, PaymentId = change.PaymentId, PaymentStatus = change.PaymentStatus,
        TransactionId = change.TransactionId, NextAttemptAt = now, CreatedAt = now,
    };
}

/// <summary>A payment's new status, as a webhook tells Orders.</summary>
internal sealed record PaymentChange(int OrderId, int PaymentId, string PaymentStatus, string TransactionId)
{
    public static PaymentChange Of(OwedWebhook webhook) => new(webhook.OrderId, webhook.PaymentId, webhook.PaymentStatus, webhook.TransactionId);
}

using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Data;

/// <summary>
/// Exactly once for signed webhooks: the receipt of a <c>webhook-id</c> is written in the transaction that applies the
/// webhook, so the second of two deliveries (a retry, a replay, even a concurrent one) finds the key taken and does nothing.
/// Cheaper than an idempotency key (no stored answer, no second commit): it rides on the write the webhook makes anyway.
/// </summary>
internal static class WebhookReceipts
{
    private static readonly TimeSpan Kept = TimeSpan.FromDays(1);
    private static long _lastSweep;

    /// <summary>
    /// Writes the receipt (in the caller's open transaction, if any); false when the webhook was applied before, and then
    /// the caller's transaction must not be committed.
    /// </summary>
    public static async Task<bool> RecordAsync(this OrdersDbContext db, string webhookId, DateTime now)
    {
        await SweepAsync(db, now);
        var receipt = new AppliedWebhook { Id = webhookId, AppliedAt = now };
        db.Add(receipt);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            return false;
        }
        finally
        {
            db.Entry(receipt).State = EntityState.Detached;
        }
    }

    /// <summary>Receipts older than a day are deleted, at most once a minute (a signed webhook over 5 minutes old is refused anyway).</summary>
    private static async Task SweepAsync(OrdersDbContext db, DateTime now)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (now.Ticks - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastSweep, now.Ticks, last) != last) return;
        var cutoff = now - Kept;
        await db.Set<AppliedWebhook>().Where(w => w.AppliedAt < cutoff).ExecuteDeleteAsync();
    }
}

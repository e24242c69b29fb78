using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Data;
using Ecommerce.Shared.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Orders.Outbox;

/// <summary>
/// A cancelled order whose payment may still have to be refunded: recorded in the same transaction as the cancellation,
/// removed once Payments refunded it (or there was nothing to refund). Until then recovery tries again.
/// </summary>
internal sealed class OwedRefund : OwedWorkRow, IOwedByOrder
{
    public int OrderId { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class OwedRefundConfiguration : IEntityTypeConfiguration<OwedRefund>
{
    public void Configure(EntityTypeBuilder<OwedRefund> refund)
    {
        refund.ToTable("owed_refunds");
        refund.HasKey(r => r.OrderId);
        refund.Property(r => r.OrderId).ValueGeneratedNever();
        refund.HasOwedWorkColumns();
    }
}

/// <summary>D14: a cancelled order's completed payment is refunded; the debt is written down first, then settled.</summary>
internal sealed class OrderRefunds(OrdersDbContext db, PaymentsClient payments, TimeProvider clock)
{
    public const string Reason = "Order cancelled by customer";

    /// <summary>The owed refund of a cancellation, to be written in its transaction.</summary>
    public OwedRefund Owed(int orderId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new OwedRefund { OrderId = orderId, NextAttemptAt = now + Backoff.First, CreatedAt = now };
    }

    /// <summary>Refunds a completed payment if there is one; null when nothing is owed any more, else why not yet.</summary>
    public async Task<string?> SettleAsync(int orderId)
    {
        var lookup = await payments.LookupAsync(orderId);
        if (!lookup.Answered) return "Payments did not answer";
        // No payment yet while the order's chain is unfinished: it may still be being made (a cancel that overtook the
        // charge). The debt stays until the chain ends; the chain's own request refunds a payment that completes late.
        if (lookup.Payment is null && await db.Set<UnfinishedChain>().AnyAsync(c => c.OrderId == orderId))
            return "The payment may still be being made";
        // A refund that fails (or races another) is looked up again next time: refunded then, it is settled.
        if (lookup.Payment is { Status: PaymentView.Completed } payment && !await payments.RefundAsync(orderId, payment.Id, Reason))
            return "The refund was not made";
        await db.Set<OwedRefund>().Where(r => r.OrderId == orderId).ExecuteDeleteAsync();
        return null;
    }
}

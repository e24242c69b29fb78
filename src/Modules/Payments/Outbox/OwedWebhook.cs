using Ecommerce.Shared.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Payments.Outbox;

/// <summary>
/// A payment status change Orders has not been told about yet (contract 5.3), in Payments' own database: one whose
/// webhook Orders did not take (5xx, timeout, no connection), or a refund written with it and not yet told. Deleted once
/// Orders answered; the webhook is idempotent on Orders' side (D16), so telling it twice is harmless.
/// </summary>
internal sealed class OwedWebhook : OwedWorkRow
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public int PaymentId { get; set; }
    public string PaymentStatus { get; set; } = "";
    public string TransactionId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

internal sealed class OwedWebhookConfiguration : IEntityTypeConfiguration<OwedWebhook>
{
    public void Configure(EntityTypeBuilder<OwedWebhook> webhook)
    {
        webhook.ToTable("owed_webhooks");
        webhook.HasKey(w => w.Id);
        webhook.HasIndex(w => w.OrderId);
        webhook.Property(w => w.PaymentStatus).HasMaxLength(20);
        webhook.Property(w => w.TransactionId).HasMaxLength(100);
        webhook.HasOwedWorkColumns();
    }
}

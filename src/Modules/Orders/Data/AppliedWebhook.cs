using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Orders.Data;

/// <summary>
/// The id of a signed webhook Orders has applied (<c>webhook-id</c>), written in the transaction that applies it: its
/// primary key makes a replay, even a concurrent one, change nothing a second time. Kept a day; a signed webhook older than
/// 5 minutes is refused anyway.
/// </summary>
internal sealed class AppliedWebhook
{
    public const int MaxIdLength = 255;

    public string Id { get; set; } = "";
    public DateTime AppliedAt { get; set; }
}

internal sealed class AppliedWebhookConfiguration : IEntityTypeConfiguration<AppliedWebhook>
{
    public void Configure(EntityTypeBuilder<AppliedWebhook> webhook)
    {
        webhook.ToTable("applied_webhooks");
        webhook.HasKey(w => w.Id);
        webhook.Property(w => w.Id).HasMaxLength(AppliedWebhook.MaxIdLength);
        webhook.HasIndex(w => w.AppliedAt);
    }
}

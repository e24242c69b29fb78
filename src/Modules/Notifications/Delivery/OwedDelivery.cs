using Ecommerce.Shared.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Notifications.Delivery;

/// <summary>
/// A message the delivery worker still owes its provider, written in the same transaction as the notification and
/// deleted once the provider took it or refused it for good. Its lease and retry columns are the owed-work ones; the
/// notification itself keeps the delivery's state for readers.
/// </summary>
internal sealed class OwedDelivery : OwedWorkRow, IOwedPerOrder
{
    /// <summary>An order's messages are delivered in the order they were accepted.</summary>
    public static readonly PerOrderQueue<OwedDelivery> Queue = new(d => d.NotificationId);


    public int NotificationId { get; set; }
    public int OrderId { get; set; }
    public string Channel { get; set; } = "";
}

internal sealed class OwedDeliveryConfiguration : IEntityTypeConfiguration<OwedDelivery>
{
    public void Configure(EntityTypeBuilder<OwedDelivery> delivery)
    {
        delivery.ToTable("owed_deliveries");
        delivery.HasKey(d => d.NotificationId);
        delivery.Property(d => d.NotificationId).ValueGeneratedNever();
        delivery.HasIndex(d => d.OrderId);
        delivery.Property(d => d.Channel).HasMaxLength(8);
        delivery.HasOwedWorkColumns();
    }
}

using Ecommerce.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Orders.Data;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.ToTable("orders");
        order.HasKey(o => o.Id);
        order.HasIndex(o => o.Status);
        order.HasIndex(o => o.CustomerEmail);
        order.Property(o => o.CustomerEmail).HasMaxLength(320);
        order.Property(o => o.CustomerName).HasMaxLength(200);
        order.Property(o => o.Status).HasMaxLength(16);
        order.Property(o => o.Currency).HasMaxLength(3);
        order.Property(o => o.TotalAmount).HasPrecision(28, 6);
        order.Property(o => o.ExternalId).HasMaxLength(100);
        order.HasIndex(o => o.ExternalId).IsUnique();
        order.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId);
    }
}

internal sealed class OrderItemConfiguration : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> item)
    {
        item.ToTable("order_items");
        item.HasKey(i => i.Id);
        item.Property(i => i.ProductName).HasMaxLength(200);
        item.Property(i => i.UnitPrice).HasPrecision(24, 6);
    }
}

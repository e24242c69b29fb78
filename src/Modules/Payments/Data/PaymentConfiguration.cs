using Ecommerce.Payments.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Payments.Data;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.ToTable("payments");
        payment.HasKey(p => p.Id);
        // D17: one payment per order, enforced by the database so concurrent requests cannot both win.
        payment.HasIndex(p => p.OrderId).IsUnique();
        payment.HasIndex(p => p.Status);
        payment.Property(p => p.Amount).HasPrecision(24, 6);
        payment.Property(p => p.Currency).HasMaxLength(3);
        payment.Property(p => p.Status).HasMaxLength(16);
        payment.Property(p => p.PaymentMethod).HasMaxLength(64);
        payment.Property(p => p.TransactionId).HasMaxLength(36);
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> refund)
    {
        refund.ToTable("refunds");
        refund.HasKey(r => r.Id);
        refund.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId);
        refund.Property(r => r.Amount).HasPrecision(24, 6);
        refund.Property(r => r.Status).HasMaxLength(16);
    }
}

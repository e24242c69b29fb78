using Ecommerce.Notifications.Domain;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Notifications.Data;

internal abstract class NotificationsDbContext(DbContextOptions options) : DbContext(options), IAudited
{
    public const string Schema = "notifications";

    public Actor Actor { get; set; } = new();

    public AuditSettings AuditSettings { get; set; } = new();

    public DbSet<Notification> Notifications => Set<Notification>();

    /// <summary>The audit log holds what people do here (a delivery sent again), not every message the API accepts.</summary>
    protected override void OnModelCreating(ModelBuilder model) =>
        model.HasModuleSchema(this, Schema).ApplyConfigurationsFromAssembly(typeof(NotificationsDbContext).Assembly).AddAuditLog();
}

/// <summary>One subclass per provider, so each keeps its own migrations (Data/Migrations/{Provider}).</summary>
internal sealed class SqliteNotificationsDbContext(DbContextOptions<SqliteNotificationsDbContext> options) : NotificationsDbContext(options);

internal sealed class SqlServerNotificationsDbContext(DbContextOptions<SqlServerNotificationsDbContext> options) : NotificationsDbContext(options);

internal sealed class PostgresNotificationsDbContext(DbContextOptions<PostgresNotificationsDbContext> options) : NotificationsDbContext(options);

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.ToTable("notifications");
        notification.HasKey(n => n.Id);
        notification.HasIndex(n => n.OrderId);
        notification.Property(n => n.Channel).HasMaxLength(8);
        notification.Property(n => n.TemplateName).HasMaxLength(64);
        notification.Property(n => n.Recipient).HasMaxLength(320);
        notification.Property(n => n.Status).HasMaxLength(16);
        notification.Property(n => n.DeliveryState).HasMaxLength(16).HasDefaultValue(DeliveryState.Logged);
        notification.HasIndex(n => n.DeliveryState);
        notification.Property(n => n.DeliveryError).HasMaxLength(OwedWork.MaxErrorLength);
        notification.Property(n => n.DeliveryReply).HasMaxLength(OwedWork.MaxErrorLength);
        notification.Property(n => n.MessageId).HasMaxLength(255);
    }
}

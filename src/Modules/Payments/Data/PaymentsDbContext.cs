using Ecommerce.Payments.Domain;
using Ecommerce.Shared.Idempotency;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Security;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Payments.Data;

internal abstract class PaymentsDbContext(DbContextOptions options) : DbContext(options), IAudited
{
    public const string Schema = "payments";

    public Actor Actor { get; set; } = new();

    public AuditSettings AuditSettings { get; set; } = new();

    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Refund> Refunds => Set<Refund>();

    protected override void OnModelCreating(ModelBuilder model) =>
        model.HasModuleSchema(this, Schema).ApplyConfigurationsFromAssembly(typeof(PaymentsDbContext).Assembly).AddIdempotencyKeys().AddAuditLog();
}

/// <summary>One subclass per provider, so each keeps its own migrations (Data/Migrations/{Provider}).</summary>
internal sealed class SqlitePaymentsDbContext(DbContextOptions<SqlitePaymentsDbContext> options) : PaymentsDbContext(options);

internal sealed class SqlServerPaymentsDbContext(DbContextOptions<SqlServerPaymentsDbContext> options) : PaymentsDbContext(options);

internal sealed class PostgresPaymentsDbContext(DbContextOptions<PostgresPaymentsDbContext> options) : PaymentsDbContext(options);

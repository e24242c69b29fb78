using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Idempotency;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Security;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Data;

internal abstract class OrdersDbContext(DbContextOptions options) : DbContext(options), IAudited
{
    public const string Schema = "orders";

    public Actor Actor { get; set; } = new();

    public AuditSettings AuditSettings { get; set; } = new();

    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder model) =>
        model.HasModuleSchema(this, Schema).ApplyConfigurationsFromAssembly(typeof(OrdersDbContext).Assembly).AddIdempotencyKeys().AddAuditLog();
}

/// <summary>One subclass per provider, so each keeps its own migrations (Data/Migrations/{Provider}).</summary>
internal sealed class SqliteOrdersDbContext(DbContextOptions<SqliteOrdersDbContext> options) : OrdersDbContext(options);

internal sealed class SqlServerOrdersDbContext(DbContextOptions<SqlServerOrdersDbContext> options) : OrdersDbContext(options);

internal sealed class PostgresOrdersDbContext(DbContextOptions<PostgresOrdersDbContext> options) : OrdersDbContext(options);

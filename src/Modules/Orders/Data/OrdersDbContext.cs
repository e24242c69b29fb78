using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Idempotency;
using Ecommerce.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Data;

internal abstract class OrdersDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Schema = "orders";

    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder model) =>
        model.HasModuleSchema(this, Schema).ApplyConfigurationsFromAssembly(typeof(OrdersDbContext).Assembly).AddIdempotencyKeys();
}

/// <summary>One subclass per provider, so each keeps its own migrations (Data/Migrations/{Provider}).</summary>
internal sealed class SqliteOrdersDbContext(DbContextOptions<SqliteOrdersDbContext> options) : OrdersDbContext(options);

internal sealed class SqlServerOrdersDbContext(DbContextOptions<SqlServerOrdersDbContext> options) : OrdersDbContext(options);

internal sealed class PostgresOrdersDbContext(DbContextOptions<PostgresOrdersDbContext> options) : OrdersDbContext(options);

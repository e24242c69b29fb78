using Ecommerce.Orders.Data;
using Ecommerce.Shared.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.UnitTests;

/// <summary>
/// Orders' real SQLite database, migrated, in a temporary directory of its own, opened as the host opens it (its pragmas, its write gate): what the unit tests of Orders' data code
/// (moves, bulk inserts, owed work, the chain) run against. Disposing it deletes the directory.
/// </summary>
internal sealed class OrdersDatabaseFile : IDisposable
{
    private readonly SqliteScratch _scratch = new();

    /// <summary>A new context on the file (each call its own; the file is migrated on the first).</summary>
    public SqliteOrdersDbContext Open()
    {
        var options = new DbContextOptionsBuilder<SqliteOrdersDbContext>();
        ModulePersistence.UseProvider(options, DatabaseProvider.Sqlite, $"Data Source={_scratch.File("orders.db")}", OrdersDbContext.Schema);
        var db = new SqliteOrdersDbContext(options.Options);
        db.Database.Migrate();
        return db;
    }

    public void Dispose() => _scratch.Dispose();
}

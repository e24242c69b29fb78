using Ecommerce.Notifications.Data;
using Ecommerce.Orders.Data;
using Ecommerce.Payments.Data;
using Ecommerce.Shared.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.UnitTests.Shared;

/// <summary>
/// A fresh SQLite file made by the embedded script is the file the migrations make: the same tables, indexes and
/// history rows; the migrations find nothing left to apply on it; a file that has a history is left alone.
/// </summary>
public sealed class SqliteFreshSchemaTests
{
    private SqliteScratch _scratch = null!;

    [SetUp]
    public void CreateDirectory() => _scratch = new SqliteScratch();

    [TearDown]
    public void DeleteDirectory() => _scratch.Dispose();

    [TestCase("Orders")]
    [TestCase("Payments")]
    [TestCase("Notifications")]
    public async Task Given_a_fresh_file_Then_the_script_makes_what_the_migrations_make(string module)
    {
        await using var migrated = Context(module, "migrated.db");
        await migrated.Database.MigrateAsync();
        await using var scripted = Context(module, "scripted.db");

        Assert.That(await SqliteFreshSchema.TryCreateAsync(scripted), Is.True, "a fresh file");

        Assert.That(await SchemaAsync(scripted), Is.EqualTo(await SchemaAsync(migrated)));
        Assert.That(await HistoryAsync(scripted), Is.EqualTo(await HistoryAsync(migrated)).And.Not.Empty);
        Assert.That(await scripted.Database.GetPendingMigrationsAsync(), Is.Empty, "nothing left for the migrations");
    }

    [Test]
    public async Task Given_a_file_with_a_history_Then_it_is_left_to_the_migrations()
    {
        await using var db = Context("Orders", "orders.db");
        await db.Database.MigrateAsync();
        var before = await SchemaAsync(db);

        Assert.That(await SqliteFreshSchema.TryCreateAsync(db), Is.False);
        Assert.That(await SchemaAsync(db), Is.EqualTo(before));
    }

    private DbContext Context(string module, string file)
    {
        var connectionString = $"Data Source={_scratch.File(file)}";
        DbContextOptions<T> Options<T>(string schema) where T : DbContext =>
            (DbContextOptions<T>)ModulePersistence.UseProvider(new DbContextOptionsBuilder<T>(), DatabaseProvider.Sqlite, connectionString, schema).Options;
        return module switch
        {
            "Orders" => new SqliteOrdersDbContext(Options<SqliteOrdersDbContext>(OrdersDbContext.Schema)),
            "Payments" => new SqlitePaymentsDbContext(Options<SqlitePaymentsDbContext>(PaymentsDbContext.Schema)),
            _ => new SqliteNotificationsDbContext(Options<SqliteNotificationsDbContext>(NotificationsDbContext.Schema)),
        };
    }

    /// <summary>Every table, index and trigger with its SQL; not EF's migration lock table, which only a migration run creates.</summary>
    private static Task<List<string>> SchemaAsync(DbContext db) => db.Database
        .SqlQueryRaw<string>("SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS Value FROM sqlite_master WHERE name <> '__EFMigrationsLock' ORDER BY type, name")
        .ToListAsync();

    private static Task<List<string>> HistoryAsync(DbContext db) => db.Database
        .SqlQueryRaw<string>("SELECT MigrationId || ' ' || ProductVersion AS Value FROM __EFMigrationsHistory ORDER BY MigrationId")
        .ToListAsync();
}

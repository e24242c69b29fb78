using System.Globalization;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Orders.Outbox;
using Ecommerce.Shared.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Ecommerce.UnitTests.Shared;

/// <summary>Both ways of BulkInsert against a real SQLite file: rows as SaveChanges would store them, children not inserted twice.</summary>
public sealed class BulkInsertTests
{
    private OrdersDatabaseFile _file = null!;

    [SetUp]
    public void CreateDatabase() => _file = new OrdersDatabaseFile();

    [TearDown]
    public void DeleteDatabase() => _file.Dispose();

    private SqliteOrdersDbContext Context() => _file.Open();

    private static List<Order> NewOrders(int count, string prefix = "ref") => Enumerable.Range(0, count).Select(i => Order.Place(
        $"c{i}@example.com", "顧客", "JPY", [OrderItem.Of("ノートPC", 2, 89800.5m), OrderItem.Of("マウス", 1, 3500m)],
        new DateTime(2025, 12, 1, 10, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560), $"{prefix}-{i}")).ToList();

    [Test]
    public async Task Given_a_refused_row_Then_nothing_is_stored_and_no_entity_keeps_the_key_it_was_given_on_the_way()
    {
        await using var db = Context();
        await BulkInsert.InsertAllAsync(db, NewOrders(1, prefix: "taken"));
        // The second order repeats a stored external_id: the first one went in (and got an id) before the refusal.
        var orders = NewOrders(1, prefix: "fresh").Concat(NewOrders(1, prefix: "taken")).ToList();

        Assert.ThrowsAsync<DbUpdateException>(() => BulkInsert.InsertAllAsync(db, orders));

        Assert.That(orders.Select(o => o.Id), Is.All.EqualTo(0), "a rolled-back id would be inserted again explicitly, possibly over another writer's row");
        Assert.That(await db.Orders.CountAsync(), Is.EqualTo(1));
        await BulkInsert.InsertAllAsync(db, orders.Take(1).ToList());
        Assert.That(orders[0].Id, Is.EqualTo(2), "inserted again, it gets the next id");
    }

    [Test]
    public async Task Given_an_entity_that_brings_its_own_key_Then_the_prepared_path_stores_that_key()
    {
        await using var db = Context();
        var started = new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);
        var chains = new[] { 41, 7 }.Select(id => new UnfinishedChain { OrderId = id, StartedAt = started, NextAttemptAt = started }).ToList();
        await BulkInsert.InsertPreparedAsync(db, chains, CancellationToken.None);

        Assert.That(chains.Select(c => c.OrderId), Is.EqualTo(new[] { 41, 7 }), "a key the entity brings is not overwritten");
        var stored = await db.Set<UnfinishedChain>().OrderBy(c => c.OrderId).ToListAsync();
        Assert.That(stored.Select(c => (c.OrderId, c.StartedAt)), Is.EqualTo(new[] { (7, started), (41, started) }));
    }

    [Test]
    public async Task Given_the_prepared_path_Then_rows_read_back_as_saved_changes_would_write_them()
    {
        await using var db = Context();
        var viaSaveChanges = NewOrders(1);
        db.Orders.AddRange(viaSaveChanges);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var orders = NewOrders(3, prefix: "bulk");
        await BulkInsert.InsertPreparedAsync(db, orders, CancellationToken.None);
        foreach (var order in orders) order.LinkItemsToId();
        await BulkInsert.InsertPreparedAsync(db, orders.SelectMany(o => o.Items).ToList(), CancellationToken.None);

        Assert.That(orders.Select(o => o.Id), Is.EqualTo(new[] { 2, 3, 4 }), "generated keys are written back");
        var stored = await db.Orders.Include(o => o.Items).OrderBy(o => o.Id).ToListAsync();
        Assert.That(stored, Has.Count.EqualTo(4));
        Assert.That(stored.Select(o => o.Items.Count), Is.All.EqualTo(2), "each order has its own two items, once");
        var (saved, bulk) = (stored[0], stored[1]);
        Assert.That((bulk.TotalAmount, bulk.CreatedAt, bulk.Status), Is.EqualTo((saved.TotalAmount, saved.CreatedAt, saved.Status)));
        Assert.That(bulk.Items.Select(i => i.UnitPrice), Is.EqualTo(saved.Items.Select(i => i.UnitPrice)));

        // The stored text is the same too, so SQL comparisons and other readers see no difference.
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT TotalAmount || '|' || CreatedAt || '|' || hex(CustomerName) || typeof(TotalAmount)) FROM orders";
        Assert.That(Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture), Is.EqualTo(1));
        command.CommandText = "SELECT COUNT(DISTINCT hex(ProductName) || '|' || UnitPrice || '|' || typeof(UnitPrice)) FROM order_items";
        Assert.That(Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture), Is.EqualTo(2), "ノートPC and マウス, each stored once the same way");
    }

    [Test]
    public async Task Given_the_save_changes_path_Then_only_the_given_entities_are_inserted()
    {
        await using var db = Context();
        var orders = NewOrders(2);
        await BulkInsert.InsertWithSaveChangesAsync(db, orders, CancellationToken.None);
        Assert.That(await db.Set<OrderItem>().CountAsync(), Is.Zero, "children are the caller's second step");
        foreach (var order in orders) order.LinkItemsToId();
        await BulkInsert.InsertWithSaveChangesAsync(db, orders.SelectMany(o => o.Items).ToList(), CancellationToken.None);
        Assert.That(await db.Set<OrderItem>().CountAsync(), Is.EqualTo(4));
        Assert.That(db.ChangeTracker.AutoDetectChangesEnabled, Is.True);
    }

    [Test]
    public async Task Given_a_duplicate_reference_Then_the_refusal_is_a_unique_violation_and_nothing_of_the_batch_stays()
    {
        await using var db = Context();
        await db.InsertAllAsync(NewOrders(1));
        var again = NewOrders(2);   // ref-0 again, then ref-1
        var refused = Assert.ThrowsAsync<DbUpdateException>(() => db.InsertAllAsync(again));
        Assert.That(DbErrors.IsUniqueViolation(refused!), Is.True);
        Assert.That(await db.Orders.CountAsync(), Is.EqualTo(1), "its own transaction was rolled back");
    }

    [Test]
    public async Task Given_inserts_on_one_pooled_connection_Then_the_statements_compiled_there_do_not_grow_with_the_number_of_calls()
    {
        await using var db = Context();
        async Task InsertRound(int round)
        {
            var orders = NewOrders(2, prefix: $"round{round}");
            await db.InsertAllAsync(orders);
            foreach (var order in orders) order.LinkItemsToId();
            await db.InsertAllAsync(orders.SelectMany(o => o.Items).ToList());
        }

        await InsertRound(0);
        var compiled = StatementMemory(db);
        for (var round = 1; round <= 5; round++) await InsertRound(round);

        Assert.That(compiled, Is.Positive, "the two INSERTs stay compiled on the connection");
        Assert.That(StatementMemory(db), Is.EqualTo(compiled), "kept and reused, not compiled again per call");
        Assert.That(await db.Orders.CountAsync(), Is.EqualTo(12));
        Assert.That(await db.Set<OrderItem>().CountAsync(), Is.EqualTo(24));
    }

    [Test]
    public async Task Given_a_kept_statement_When_the_table_changes_shape_Then_the_next_insert_still_stores_its_row()
    {
        await using var db = Context();
        await db.InsertAllAsync(NewOrders(1, prefix: "before"));
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE orders ADD COLUMN \"Note\" TEXT NULL");

        var after = NewOrders(1, prefix: "after");
        await db.InsertAllAsync(after);

        Assert.That(after[0].Id, Is.EqualTo(2));
        Assert.That(await db.Orders.Where(o => o.ExternalId == "after-0").Select(o => o.CustomerName).SingleAsync(), Is.EqualTo("顧客"));
    }

    /// <summary>Bytes SQLite holds for the statements compiled on the context's (pooled) connection.</summary>
    private static int StatementMemory(DbContext db)
    {
        db.Database.OpenConnection();
        try
        {
            raw.sqlite3_db_status(((SqliteConnection)db.Database.GetDbConnection()).Handle!, raw.SQLITE_DBSTATUS_STMT_USED, out var used, out _, 0);
            return used;
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }
}

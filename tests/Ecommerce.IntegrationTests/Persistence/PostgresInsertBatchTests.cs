using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.IntegrationTests.Persistence;

/// <summary>
/// BulkInsert's path for a few rows on a real PostgreSQL (one batch of prepared INSERTs): rows as SaveChanges writes
/// them, generated keys written back in order, a key the entity brings kept, and a refused row refusing the whole batch.
/// </summary>
public sealed class PostgresInsertBatchTests
{
    private Rows _db = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        await TestStore.RequireProviderAsync(TestStore.Postgres);
        var connectionString = await (await PostgresServer.RunningAsync()).DatabaseAsync("insert-batch-" + Guid.NewGuid().ToString("N"));
        _db = new Rows(new DbContextOptionsBuilder<Rows>().UseNpgsql(ModulePersistence.WithPostgresDefaults(connectionString)).Options);
        await _db.Database.EnsureCreatedAsync();
    }

    [TearDown]
    public async Task CloseDatabase()
    {
        if (_db is null) return;
        await _db.Database.EnsureDeletedAsync();
        await _db.DisposeAsync();
    }

    private static Row NewRow(string code, string? note = "メモ") =>
        new() { Code = code, Note = note, Amount = 89800.50m, At = new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560), Flag = true, Big = 1L << 40 };

    [Test]
    public async Task Given_a_few_rows_Then_they_get_the_next_keys_in_order_and_read_back_as_SaveChanges_writes_them()
    {
        _db.Add(NewRow("saved"));
        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();

        var rows = new[] { NewRow("a"), NewRow("b", note: null), NewRow("c") };
        await PostgresInsertBatch.InsertAsync(_db, rows, _db.Model.FindEntityType(typeof(Row))!, CancellationToken.None);

        Assert.That(rows.Select(r => r.Id), Is.EqualTo(new[] { 2, 3, 4 }));
        var stored = await _db.Set<Row>().AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        Assert.That(stored.Select(r => (r.Id, r.Code, r.Note)), Is.EqualTo(new[] { (1, "saved", "メモ"), (2, "a", "メモ"), (3, "b", null), (4, "c", "メモ") }));
        var (saved, batched) = (stored[0], stored[1]);
        Assert.That((batched.Amount, batched.At, batched.At.Kind, batched.Flag, batched.Big), Is.EqualTo((saved.Amount, saved.At, saved.At.Kind, saved.Flag, saved.Big)));
    }

    [Test]
    public async Task Given_a_key_the_entity_brings_Then_it_is_stored_as_given()
    {
        var markers = new[] { new Marker { OrderId = 41, Note = "x" }, new Marker { OrderId = 7, Note = "y" } };
        await BulkInsert.InsertAllAsync(_db, markers);

        Assert.That(markers.Select(m => m.OrderId), Is.EqualTo(new[] { 41, 7 }));
        Assert.That(await _db.Set<Marker>().AsNoTracking().OrderBy(m => m.OrderId).Select(m => m.OrderId).ToListAsync(), Is.EqualTo(new[] { 7, 41 }));
    }

    [Test]
    public async Task Given_a_refused_row_Then_no_row_of_the_batch_is_stored_and_the_refusal_is_a_unique_violation()
    {
        await BulkInsert.InsertAllAsync(_db, [NewRow("taken")]);
        var rows = new[] { NewRow("fresh"), NewRow("taken") };

        var refused = Assert.ThrowsAsync<DbUpdateException>(() => BulkInsert.InsertAllAsync(_db, rows));

        Assert.That(DbErrors.IsUniqueViolation(refused!), Is.True, refused!.Message);
        Assert.That(rows.Select(r => r.Id), Is.All.EqualTo(0), "no entity keeps a key from a batch that was not stored");
        Assert.That(await _db.Set<Row>().AsNoTracking().Select(r => r.Code).ToListAsync(), Is.EqualTo(new[] { "taken" }));
    }

    [Test]
    public async Task Given_a_time_that_is_not_utc_Then_the_row_is_refused_as_SaveChanges_refuses_it_not_shifted_by_the_server_zone()
    {
        var local = NewRow("local");
        local.At = DateTime.SpecifyKind(local.At, DateTimeKind.Unspecified);

        Assert.CatchAsync<Exception>(() => PostgresInsertBatch.InsertAsync(_db, [local], _db.Model.FindEntityType(typeof(Row))!, CancellationToken.None));
        _db.Add(local);
        Assert.CatchAsync<Exception>(() => _db.SaveChangesAsync(), "SaveChanges refuses it too");
        _db.ChangeTracker.Clear();

        Assert.That(await _db.Set<Row>().CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Given_a_transaction_that_rolls_back_Then_the_batch_goes_with_it()
    {
        await using (var transaction = await _db.Database.BeginTransactionAsync())
        {
            await BulkInsert.InsertAllAsync(_db, [NewRow("a"), NewRow("b")]);
            Assert.That(await _db.Set<Row>().CountAsync(), Is.EqualTo(2), "visible inside the transaction");
            await transaction.RollbackAsync();
        }

        Assert.That(await _db.Set<Row>().CountAsync(), Is.Zero);
    }

    private sealed class Row
    {
        public int Id { get; set; }
        public string Code { get; set; } = "";
        public string? Note { get; set; }
        public decimal Amount { get; set; }
        public DateTime At { get; set; }
        public bool Flag { get; set; }
        public long Big { get; set; }
    }

    private sealed class Marker
    {
        public int OrderId { get; set; }
        public string Note { get; set; } = "";
    }

    private sealed class Rows(DbContextOptions<Rows> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.HasDefaultSchema("batch_test");
            modelBuilder.Entity<Row>().HasIndex(r => r.Code).IsUnique();
            modelBuilder.Entity<Marker>().HasKey(m => m.OrderId);
            modelBuilder.Entity<Marker>().Property(m => m.OrderId).ValueGeneratedNever();
        }
    }
}

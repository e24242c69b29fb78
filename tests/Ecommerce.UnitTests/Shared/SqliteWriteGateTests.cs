using Ecommerce.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.UnitTests.Shared;

/// <summary>
/// The write gate queues a second writer on the same SQLite file in the process (a pending task, no thread asleep in
/// SQLite's busy handler) and hands it the file the moment the first one ends, however it ends.
/// </summary>
public sealed class SqliteWriteGateTests
{
    private static readonly TimeSpan Handover = TimeSpan.FromSeconds(5); // far below SQLite's 10 s busy timeout
    private OrdersDatabaseFile _file = null!;

    [SetUp]
    public void CreateDatabase() => _file = new OrdersDatabaseFile();

    [TearDown]
    public void DeleteDatabase() => _file.Dispose();

    [TestCase(true, TestName = "Given_a_write_transaction_open_Then_a_second_one_waits_as_a_pending_task_and_begins_when_the_first_commits")]
    [TestCase(false, TestName = "Given_a_write_transaction_open_Then_a_second_one_waits_as_a_pending_task_and_begins_when_the_first_is_disposed_unfinished")]
    public async Task Given_a_write_transaction_open_Then_a_second_one_waits_until_it_ends(bool commit)
    {
        await using var first = _file.Open();
        await using var second = _file.Open();
        var held = await first.Database.BeginTransactionAsync();

        var waiting = second.Database.BeginTransactionAsync();

        Assert.That(waiting.IsCompleted, Is.False, "the second writer is queued, not begun (nor asleep in SQLite)");
        if (commit) await held.CommitAsync();
        await held.DisposeAsync(); // unfinished: no commit, no rollback, what `await using` does when the work in it throws
        await using var begun = await waiting.WaitAsync(Handover);
        Assert.That(second.Database.CurrentTransaction, Is.Not.Null);
    }

    [Test]
    public async Task Given_a_save_the_database_refuses_Then_the_file_is_free_for_the_next_writer()
    {
        await using var first = _file.Open();
        await using var second = _file.Open();
        var order = Order.Place("a@example.com", "顧客", "JPY", [OrderItem.Of("ノートPC", 1, 100m)], DateTime.UtcNow);
        first.Add(order);
        await first.SaveChangesAsync();
        first.ChangeTracker.Clear();
        var twin = Order.Place("b@example.com", "顧客", "JPY", [OrderItem.Of("マウス", 1, 100m)], DateTime.UtcNow);
        typeof(Order).GetProperty(nameof(Order.Id))!.SetValue(twin, order.Id); // the same key: the database refuses it
        first.Add(twin);

        Assert.ThrowsAsync<DbUpdateException>(() => first.SaveChangesAsync());

        await using var begun = await second.Database.BeginTransactionAsync().WaitAsync(Handover);
        Assert.That(second.Database.CurrentTransaction, Is.Not.Null);
    }

    [Test]
    public async Task Given_many_writers_at_once_Then_every_one_commits()
    {
        var writers = Enumerable.Range(0, 16).Select(async i =>
        {
            await using var db = _file.Open();
            db.Add(Order.Place($"c{i}@example.com", "顧客", "JPY", [OrderItem.Of("ノートPC", 1, 100m)], DateTime.UtcNow));
            await db.SaveChangesAsync();
        });

        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));

        await using var check = _file.Open();
        Assert.That(await check.Orders.CountAsync(), Is.EqualTo(16));
    }
}

using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.UnitTests.Orders;

/// <summary>The one owner of order moves (OrderQueries), single and set-based, against a real SQLite file.</summary>
public sealed class OrderMovesTests
{
    private OrdersDatabaseFile _file = null!;
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    [SetUp]
    public void CreateDatabase() => _file = new OrdersDatabaseFile();

    [TearDown]
    public void DeleteDatabase() => _file.Dispose();

    private async Task<(SqliteOrdersDbContext Db, List<Order> Orders)> StoredAsync(int count)
    {
        var db = _file.Open();
        var orders = Enumerable.Range(0, count)
            .Select(i => Order.Place($"c{i}@example.com", "顧客", "JPY", [OrderItem.Of("ノートPC", 1, 100m)], Now)).ToList();
        await db.InsertAsync(orders);
        return (db, orders);
    }

    [Test]
    public async Task Given_a_batch_Then_only_the_orders_still_pending_move_to_paid()
    {
        var (db, orders) = await StoredAsync(3);
        await using var _ = db;
        Assert.That(await db.TryMoveAsync(orders[1], OrderStatus.Cancelled, Now), Is.True);

        var moved = await db.MoveAllAsync([orders[0].Id, orders[1].Id, orders[2].Id], OrderStatus.Pending, OrderStatus.Paid, Now.AddSeconds(1));

        Assert.That(moved, Is.EqualTo(2));
        var statuses = await db.Orders.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Status).ToListAsync();
        Assert.That(statuses, Is.EqualTo(new[] { OrderStatus.Paid, OrderStatus.Cancelled, OrderStatus.Paid }));
    }

    [Test]
    public async Task Given_a_move_the_state_machine_does_not_allow_Then_the_set_based_form_refuses_it_before_touching_a_row()
    {
        var (db, orders) = await StoredAsync(1);
        await using var _ = db;
        Assert.ThrowsAsync<InvalidOperationException>(() => db.MoveAllAsync([orders[0].Id], OrderStatus.Pending, OrderStatus.Delivered, Now));
        Assert.That(await db.Orders.AsNoTracking().Select(o => o.Status).SingleAsync(), Is.EqualTo(OrderStatus.Pending));
    }

    [Test]
    public async Task Given_two_writers_read_the_same_status_Then_exactly_one_move_wins()
    {
        var (db, orders) = await StoredAsync(1);
        await using var _ = db;
        var stale = await db.Orders.AsNoTracking().SingleAsync();   // a second reader's copy, still pending

        Assert.That(await db.TryMoveAsync(orders[0], OrderStatus.Paid, Now), Is.True);
        Assert.That(await db.TryMoveAsync(stale, OrderStatus.Cancelled, Now), Is.False, "its read is out of date");
        Assert.That(stale.Status, Is.EqualTo(OrderStatus.Pending), "a lost move leaves the copy as read");
    }
}

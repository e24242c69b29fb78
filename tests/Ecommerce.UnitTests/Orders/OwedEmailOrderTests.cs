using Ecommerce.Orders.Data;
using Ecommerce.Orders.Outbox;
using Ecommerce.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.UnitTests.Orders;

/// <summary>The per-order queue on Orders' owed emails, against a real SQLite file: what a worker may take, and in what order.</summary>
public sealed class OwedEmailOrderTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);
    private OrdersDatabaseFile _file = null!;

    [SetUp]
    public void CreateDatabase() => _file = new OrdersDatabaseFile();

    [TearDown]
    public void DeleteDatabase() => _file.Dispose();

    private async Task<SqliteOrdersDbContext> WithEmailsAsync(params OwedEmail[] emails)
    {
        var db = _file.Open();
        db.AddRange(emails);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return db;
    }

    private static OwedEmail Email(int id, int orderId, double dueInSeconds = 0, DateTime? claimedUntil = null) =>
        new() { Id = id, OrderId = orderId, Message = "{}", NextAttemptAt = Now.AddSeconds(dueInSeconds), ClaimedUntil = claimedUntil, CreatedAt = Now };

    private static Task<TakenRows<OwedEmail>> TakeAsync(OrdersDbContext db, DateTime now, int max = 10) =>
        OwedEmail.Queue.TakeAsync(db.Set<OwedEmail>(), now, max, CancellationToken.None);

    [Test]
    public async Task Given_an_order_whose_first_email_is_not_due_Then_none_of_its_later_emails_overtakes_it()
    {
        await using var db = await WithEmailsAsync(Email(1, 7, dueInSeconds: 5), Email(2, 8), Email(3, 7), Email(4, 8));

        var taken = await TakeAsync(db, Now);

        Assert.That(taken.Rows.Select(e => e.Id), Is.EqualTo(new[] { 2, 4 }));
        Assert.That(await db.Set<OwedEmail>().Where(e => e.ClaimToken != null).Select(e => e.Id).ToListAsync(), Is.EquivalentTo(new[] { 2, 4 }),
            "only what was taken is claimed");
        Assert.That((await TakeAsync(db, Now.AddSeconds(5))).Rows.Select(e => e.Id), Is.EqualTo(new[] { 1, 3 }), "once due, in order");
    }

    [Test]
    public async Task Given_an_email_another_worker_holds_Then_its_order_waits_until_the_lease_runs_out_and_the_email_is_reported_lapsed()
    {
        await using var db = await WithEmailsAsync(Email(1, 7, claimedUntil: Now.AddMinutes(1)), Email(2, 7), Email(3, 9));

        var held = await TakeAsync(db, Now);
        Assert.That(held.Rows.Select(e => e.Id), Is.EqualTo(new[] { 3 }));
        Assert.That(held.Lapsed, Is.Empty);

        var expired = await TakeAsync(db, Now.AddMinutes(2));
        Assert.That(expired.Rows.Select(e => e.Id), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(expired.Lapsed, Is.EquivalentTo(new[] { 1 }), "its holder may have sent it before dying");
    }

    [Test]
    public async Task Given_more_due_than_asked_for_Then_the_oldest_are_taken_and_the_batch_says_full()
    {
        await using var db = await WithEmailsAsync(Email(1, 1), Email(2, 2), Email(3, 3));

        var first = await TakeAsync(db, Now, max: 2);
        var rest = await TakeAsync(db, Now, max: 2);

        Assert.That((first.Rows.Select(e => e.Id), first.Full), Is.EqualTo((new[] { 1, 2 }, true)));
        Assert.That((rest.Rows.Select(e => e.Id), rest.Full), Is.EqualTo((new[] { 3 }, false)));
    }

    [Test]
    public void Given_backoff_Then_it_doubles_with_jitter_and_stops_growing_at_five_minutes()
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.That(Backoff.After(1).TotalSeconds, Is.InRange(0.5, 1.5));
            Assert.That(Backoff.After(3).TotalSeconds, Is.InRange(2, 6));
            Assert.That(Backoff.After(30).TotalMinutes, Is.InRange(2.5, 7.5));
        }
    }
}

using Ecommerce.Orders.Outbox;
using Ecommerce.Shared.Outbox;

namespace Ecommerce.UnitTests.Orders;

public sealed class OwedEmailOrderTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);

    private static OwedEmail Email(int id, int orderId, double dueInSeconds = 0, DateTime? claimedUntil = null) =>
        new() { Id = id, OrderId = orderId, NextAttemptAt = Now.AddSeconds(dueInSeconds), ClaimedUntil = claimedUntil };

    [Test]
    public void Given_an_order_whose_first_email_is_not_due_Then_none_of_its_later_emails_overtakes_it()
    {
        var due = OwedEmailDispatcher.DueInOrder([Email(1, 7, dueInSeconds: 5), Email(2, 8), Email(3, 7), Email(4, 8)], Now);
        Assert.That(due.Select(e => e.Id), Is.EqualTo(new[] { 2, 4 }));
    }

    [Test]
    public void Given_an_email_another_dispatcher_holds_Then_its_order_waits_until_the_lease_runs_out()
    {
        var held = OwedEmailDispatcher.DueInOrder([Email(1, 7, claimedUntil: Now.AddMinutes(1)), Email(2, 7)], Now);
        Assert.That(held, Is.Empty);
        var expired = OwedEmailDispatcher.DueInOrder([Email(1, 7, claimedUntil: Now.AddMinutes(-1)), Email(2, 7)], Now);
        Assert.That(expired.Select(e => e.Id), Is.EqualTo(new[] { 1, 2 }));
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

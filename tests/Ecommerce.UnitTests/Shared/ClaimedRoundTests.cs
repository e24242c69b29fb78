using Ecommerce.Shared.Outbox;
using Microsoft.Extensions.Time.Testing;

namespace Ecommerce.UnitTests.Shared;

/// <summary>
/// A worker's round over claimed rows starts no try once half the lease has passed, gives the rest back untried, and
/// remembers the first outcome that had no answer at all.
/// </summary>
public sealed class ClaimedRoundTests
{
    private static readonly DateTimeOffset Claimed = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Given_tries_that_take_longer_than_half_the_lease_Then_the_rows_after_that_point_are_given_back_untried()
    {
        var clock = new FakeTimeProvider(Claimed);
        var round = new ClaimedRound(Claimed.UtcDateTime, clock);
        var tried = new List<int>();
        IReadOnlyList<int> givenBack = [];

        var stoppedShort = await round.WorkInTurnAsync([1, 2, 3, 4, 5], row =>
        {
            tried.Add(row);
            clock.Advance(TimeSpan.FromSeconds(25)); // a slow receiver: the third try ends 75 s after the claim
            return Task.FromResult(true);
        }, rows =>
        {
            givenBack = rows;
            return Task.CompletedTask;
        });

        Assert.That(stoppedShort, Is.True);
        Assert.That(tried, Is.EqualTo(new[] { 1, 2, 3 }), "the third began 50 s in, before half the 2-minute lease");
        Assert.That(givenBack, Is.EqualTo(new[] { 4, 5 }));
        Assert.That(round.TryBy, Is.EqualTo(Claimed + OwedWork.Lease / 2));
    }

    [Test]
    public async Task Given_a_row_that_cannot_start_in_time_Then_it_and_the_rest_are_given_back_and_rows_that_fit_are_all_tried()
    {
        var clock = new FakeTimeProvider(Claimed);
        IReadOnlyList<int> givenBack = [];
        var stoppedShort = await new ClaimedRound(Claimed.UtcDateTime, clock).WorkInTurnAsync([1, 2, 3], row => Task.FromResult(row != 2),
            rows =>
            {
                givenBack = rows;
                return Task.CompletedTask;
            });
        Assert.That((stoppedShort, givenBack), Is.EqualTo((true, (IReadOnlyList<int>)[2, 3])));

        var all = new List<int>();
        var whole = await new ClaimedRound(Claimed.UtcDateTime, clock).WorkInTurnAsync([1, 2, 3], row =>
        {
            all.Add(row);
            return Task.FromResult(true);
        }, _ => throw new AssertionException("nothing to give back"));
        Assert.That((whole, all), Is.EqualTo((false, new List<int> { 1, 2, 3 })));
    }

    [Test]
    public void Given_outcomes_Then_the_first_without_any_answer_is_kept_and_answers_are_not()
    {
        var round = new ClaimedRound(Claimed.UtcDateTime, new FakeTimeProvider(Claimed));
        round.Saw(new Attempt(Delivery.Retry, "451 try later"));
        Assert.That(round.Unanswered, Is.Null, "a server that answered is up");
        var refused = round.Saw(Attempt.NoAnswer(new TimeoutException("no greeting")));
        round.Saw(Attempt.NoAnswer(new TimeoutException("later")));
        Assert.That(round.Unanswered, Is.SameAs(refused));
        Assert.That(refused.Unanswered, Is.True);
    }
}

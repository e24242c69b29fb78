using System.Globalization;
using System.Net;
using Ecommerce.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace Ecommerce.UnitTests.Shared.Security;

public sealed class FailureThrottleTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.7");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-30T00:00:00Z", CultureInfo.InvariantCulture));
    private FailureThrottle Throttle(int after = 3, int minutes = 15) =>
        new(_clock, TimeSpan.FromSeconds(2), after, TimeSpan.FromMinutes(minutes));

    [Test]
    public void Given_failures_in_a_row_Then_each_answer_is_slower_until_the_address_is_locked_out()
    {
        var throttle = Throttle(after: 4);
        Assert.That(throttle.Failed(Client), Is.EqualTo((TimeSpan.FromMilliseconds(250), false)));
        Assert.That(throttle.Failed(Client), Is.EqualTo((TimeSpan.FromMilliseconds(500), false)));
        Assert.That(throttle.Failed(Client), Is.EqualTo((TimeSpan.FromMilliseconds(1000), false)));
        Assert.That(throttle.LockedOutFor(Client), Is.Null);
        Assert.That(throttle.Failed(Client).LockedOut, Is.True);
        Assert.That(throttle.LockedOutFor(Client), Is.EqualTo(TimeSpan.FromMinutes(15)));
    }

    [Test]
    public void Given_a_lockout_Then_it_ends_after_its_minutes_and_the_count_starts_again()
    {
        var throttle = Throttle(after: 2, minutes: 10);
        throttle.Failed(Client);
        throttle.Failed(Client);
        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.That(throttle.LockedOutFor(Client), Is.EqualTo(TimeSpan.FromMinutes(1)));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(throttle.LockedOutFor(Client), Is.Null);
        Assert.That(throttle.Failed(Client), Is.EqualTo((TimeSpan.FromMilliseconds(250), false)));
    }

    [Test]
    public void Given_other_addresses_or_a_success_Then_they_are_counted_apart_and_cleared()
    {
        var throttle = Throttle(after: 2);
        throttle.Failed(Client);
        Assert.That(throttle.Failed(IPAddress.Parse("192.0.2.8")).LockedOut, Is.False);
        throttle.Succeeded(Client);
        Assert.That(throttle.Failed(Client).LockedOut, Is.False, "the success cleared the earlier failure");
    }

    [Test]
    public void Given_many_slow_delays_Then_the_delay_is_capped_at_two_seconds()
    {
        var throttle = Throttle(after: 100);
        var last = TimeSpan.Zero;
        for (var i = 0; i < 20; i++) last = throttle.Failed(Client).Delay;
        Assert.That(last, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void Given_no_lockout_Then_failures_are_only_slowed_down_up_to_the_maximum()
    {
        var throttle = new FailureThrottle(_clock, TimeSpan.FromSeconds(1));
        var answers = Enumerable.Range(0, 50).Select(_ => throttle.Failed(Client)).ToList();
        Assert.That(answers.Select(a => a.Delay).Take(4), Is.EqualTo(new[] { 250, 500, 1000, 1000 }.Select(ms => TimeSpan.FromMilliseconds(ms))));
        Assert.That(answers.Any(a => a.LockedOut), Is.False);
        Assert.That(throttle.LockedOutFor(Client), Is.Null);
    }
}

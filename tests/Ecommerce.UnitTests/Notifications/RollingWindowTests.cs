using Ecommerce.Notifications.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Ecommerce.UnitTests.Notifications;

public sealed class RollingWindowTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Test]
    public void Given_a_quiet_second_Then_a_burst_gets_exactly_the_limit()
    {
        var clock = new FakeTimeProvider();
        var window = new RollingWindow(10, Second, clock);
        var accepted = Enumerable.Range(0, 30).Count(i => window.TryAcquire(out _));
        Assert.That(accepted, Is.EqualTo(10));
    }

    [Test]
    public void Given_a_full_window_Then_retry_after_is_the_time_until_the_oldest_leaves()
    {
        var clock = new FakeTimeProvider();
        var window = new RollingWindow(10, Second, clock);
        window.TryAcquire(out _);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        for (var i = 0; i < 9; i++) window.TryAcquire(out _);
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.That(window.TryAcquire(out var retryAfter), Is.False);
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromMilliseconds(700)));
        clock.Advance(TimeSpan.FromMilliseconds(700));
        Assert.That(window.TryAcquire(out _), Is.True);
        Assert.That(window.TryAcquire(out _), Is.False, "only the oldest left the window, so only one more fits");
    }

    [Test]
    public void Given_a_burst_straddling_a_second_boundary_Then_it_does_not_get_twice_the_limit()
    {
        // A fixed window would let 10 through at 0.9 s and 10 more at 1.0 s.
        var clock = new FakeTimeProvider();
        var window = new RollingWindow(10, Second, clock);
        clock.Advance(TimeSpan.FromMilliseconds(900));
        var first = Enumerable.Range(0, 15).Count(i => window.TryAcquire(out _));
        clock.Advance(TimeSpan.FromMilliseconds(100));
        var second = Enumerable.Range(0, 15).Count(i => window.TryAcquire(out _));
        Assert.That((first, second), Is.EqualTo((10, 0)));
    }

    [Test]
    public void Given_a_limit_raised_to_a_million_Then_memory_follows_the_traffic_not_the_limit()
    {
        var clock = new FakeTimeProvider();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var window = new RollingWindow(1_000_000, Second, clock);
        var accepted = 0;
        for (var i = 0; i < 2000; i++)
        {
            if (window.TryAcquire(out _)) accepted++;
            clock.Advance(TimeSpan.FromMilliseconds(1));   // 1,000 a second: the window holds about 1,000 times
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(accepted, Is.EqualTo(2000));
        Assert.That(allocated, Is.LessThan(256 * 1024), "kilobytes for the times in the window, not 8 MB of slots");
    }

    [Test]
    public void Given_random_arrivals_Then_no_one_second_interval_holds_more_than_the_limit()
    {
        var clock = new FakeTimeProvider();
        var window = new RollingWindow(10, Second, clock);
        var random = new Random(42);
        var accepted = new List<DateTimeOffset>();
        for (var i = 0; i < 5000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(random.Next(0, 120)));
            if (window.TryAcquire(out _)) accepted.Add(clock.GetUtcNow());
        }
        for (var i = 10; i < accepted.Count; i++)
            Assert.That(accepted[i] - accepted[i - 10], Is.GreaterThanOrEqualTo(Second), $"11 acceptances within one second at {i}");
        Assert.That(accepted.Count, Is.GreaterThan(1000), "the limiter must still let the allowed rate through");
    }
}

using Ecommerce.Dashboard.Api;

namespace Ecommerce.UnitTests.Dashboard;

/// <summary>The overview's periods begin at the viewer's midnights, and each is compared with as long a time just before it.</summary>
public sealed class OverviewPeriodTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateTime Now = new(2026, 12, 7, 2, 30, 0, DateTimeKind.Utc); // 11:30 on 7 December in Tokyo

    [Test]
    public void Today_runs_from_the_viewers_midnight_to_now_and_is_compared_with_the_same_hours_of_the_day_before()
    {
        var today = OverviewPeriod.Resolve(OverviewPeriod.Today, null, null, Now, Tokyo);
        Assert.That(today, Is.EqualTo(new StatsPeriodView(new DateTime(2026, 12, 6, 15, 0, 0, DateTimeKind.Utc), Now)));
        Assert.That(today.Previous, Is.EqualTo(new StatsPeriodView(new DateTime(2026, 12, 6, 3, 30, 0, DateTimeKind.Utc), today.From)));
        Assert.That(today.Bucket, Is.EqualTo("hour"));
        Assert.That(OverviewPeriod.UtcOffset(today, Tokyo), Is.EqualTo(540));
    }

    [TestCase(OverviewPeriod.Week, 6)]
    [TestCase(OverviewPeriod.Month, 29)]
    [TestCase("fortnight", 0)] // unknown: today
    public void The_last_days_begin_at_a_midnight_so_many_days_back(string period, int daysBack)
    {
        var resolved = OverviewPeriod.Resolve(period, null, null, Now, Tokyo);
        Assert.That(resolved.From, Is.EqualTo(new DateTime(2026, 12, 6, 15, 0, 0, DateTimeKind.Utc).AddDays(-daysBack)));
        Assert.That(resolved.To, Is.EqualTo(Now));
    }

    [Test]
    public void Custom_dates_take_whole_local_days_and_the_last_day_counts()
    {
        var custom = OverviewPeriod.Resolve(null, "2026-03-07", "2026-03-08", Now, NewYork); // clocks go forward on 8 March
        Assert.That(custom.From, Is.EqualTo(new DateTime(2026, 3, 7, 5, 0, 0, DateTimeKind.Utc)));
        Assert.That(custom.To, Is.EqualTo(new DateTime(2026, 3, 9, 4, 0, 0, DateTimeKind.Utc)));
        Assert.That(OverviewPeriod.Dates(custom, NewYork), Is.EqualTo(("2026-03-07", "2026-03-08")));
    }

    [TestCase("2026-03-09", "2026-03-01")]
    [TestCase("2026-01-01", "2027-06-01")]
    [TestCase("7 March", "2026-03-08")]
    [TestCase("0001-01-01", "0001-01-02")]
    public void Dates_out_of_order_too_far_apart_or_not_dates_fall_back_to_today(string from, string to) =>
        Assert.That(OverviewPeriod.Resolve(null, from, to, Now, Tokyo), Is.EqualTo(OverviewPeriod.Resolve(OverviewPeriod.Today, null, null, Now, Tokyo)));

    [TestCase(120, 100, "+20 %")]
    [TestCase(75, 100, "−25 %")]
    [TestCase(100, 100, "±0 %")]
    [TestCase(5, 0, "new")]
    [TestCase(0, 0, null)]
    public void A_change_is_said_in_words(int current, int previous, string? expected) =>
        Assert.That(OverviewPeriod.Change(current, previous), Is.EqualTo(expected));
}

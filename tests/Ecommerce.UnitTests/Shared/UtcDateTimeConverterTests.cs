using Ecommerce.Shared.Json;

namespace Ecommerce.UnitTests.Shared;

public sealed class UtcDateTimeConverterTests
{
    [Test]
    public void Given_whole_seconds_Then_no_fraction_and_a_z() =>
        Assert.That(UtcDateTimeConverter.Format(new DateTime(2025, 12, 1, 10, 0, 1, DateTimeKind.Utc)), Is.EqualTo("2025-12-01T10:00:01Z"));

    [Test]
    public void Given_microseconds_Then_six_digits() =>
        Assert.That(UtcDateTimeConverter.Format(new DateTime(2025, 12, 1, 10, 0, 1, DateTimeKind.Utc).AddTicks(1_230_000)),
            Is.EqualTo("2025-12-01T10:00:01.123000Z"));

    [Test]
    public void Given_an_unspecified_kind_as_sqlite_returns_Then_it_is_treated_as_utc() =>
        Assert.That(UtcDateTimeConverter.Format(new DateTime(2025, 12, 1, 10, 0, 1, DateTimeKind.Unspecified)), Is.EqualTo("2025-12-01T10:00:01Z"));

    [Test]
    public void Given_sub_microsecond_ticks_Then_they_are_cut_as_python_would() =>
        Assert.That(UtcDateTimeConverter.Format(new DateTime(2025, 12, 1, 10, 0, 1, DateTimeKind.Utc).AddTicks(5)), Is.EqualTo("2025-12-01T10:00:01Z"));

    [TestCase(0L)]
    [TestCase(5L)]
    [TestCase(10L)]
    [TestCase(1_230_000L)]
    [TestCase(1_230_007L)]
    [TestCase(9_999_999L)]
    public void Given_a_time_in_an_answer_Then_the_json_holds_the_same_text(long ticks)
    {
        var time = new DateTime(2025, 12, 1, 10, 0, 1, DateTimeKind.Utc).AddTicks(ticks);
        Assert.That(System.Text.Json.JsonSerializer.Serialize(time, WireJson.Options), Is.EqualTo($"\"{UtcDateTimeConverter.Format(time)}\""));
    }
}

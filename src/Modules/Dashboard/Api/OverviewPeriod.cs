using System.Globalization;

namespace Ecommerce.Dashboard.Api;

/// <summary>A period of the stats routes, in UTC: <c>from</c> inclusive, <c>to</c> exclusive.</summary>
public sealed record StatsPeriodView(DateTime From, DateTime To)
{
    public TimeSpan Length => To - From;

    /// <summary>The period of the same length just before this one: what its figures are compared with.</summary>
    public StatsPeriodView Previous => new(From - Length, From);

    /// <summary>Hours up to two days, else days (as the API would choose).</summary>
    public string Bucket => Length <= TimeSpan.FromDays(2) ? "hour" : "day";

    public string Query => $"from={Uri.EscapeDataString(Iso(From))}&to={Uri.EscapeDataString(Iso(To))}";

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// The overview's periods in the viewer's time zone: today (since local midnight), the last 7 or 30 days (from local
/// midnight 6 or 29 days ago), or custom dates (from one local midnight to the one after the last day).
/// </summary>
public static class OverviewPeriod
{
    public const string Today = "today";
    public const string Week = "7d";
    public const string Month = "30d";

    public static readonly IReadOnlyList<(string Key, string Label)> Choices = [(Today, "Today"), (Week, "7 days"), (Month, "30 days")];

    /// <summary>Custom dates when both are valid, in order and at most 366 days apart; else the named period (today by default).</summary>
    public static StatsPeriodView Resolve(string? period, string? fromDate, string? toDate, DateTime nowUtc, TimeZoneInfo zone)
    {
        if (Date(fromDate) is { } first && Date(toDate) is { } last && first <= last && last.DayNumber - first.DayNumber < 366)
            return new StatsPeriodView(MidnightUtc(first, zone), MidnightUtc(last.AddDays(1), zone));
        var days = period switch { Week => 7, Month => 30, _ => 1 };
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone));
        return new StatsPeriodView(MidnightUtc(today.AddDays(1 - days), zone), nowUtc);
    }

    /// <summary>Where the viewer's hours and days begin, in minutes from UTC, at the start of the period.</summary>
    public static int UtcOffset(StatsPeriodView period, TimeZoneInfo zone) => (int)zone.GetUtcOffset(period.From).TotalMinutes;

    /// <summary>The period's dates as the viewer reads them (the last day inclusive), for the custom form.</summary>
    public static (string From, string To) Dates(StatsPeriodView period, TimeZoneInfo zone) =>
        (LocalDate(period.From, zone), LocalDate(period.To.AddTicks(-1), zone));

    /// <summary>"+12 %", "−5 %", "new" (nothing before), "±0 %"; null when there is nothing either time.</summary>
    public static string? Change(decimal current, decimal previous)
    {
        if (previous == 0) return current == 0 ? null : "new";
        var percent = Math.Round((current - previous) / previous * 100, 0, MidpointRounding.AwayFromZero);
        return percent switch
        {
            > 0 => $"+{percent.ToString(CultureInfo.InvariantCulture)} %",
            < 0 => $"−{(-percent).ToString(CultureInfo.InvariantCulture)} %",
            _ => "±0 %",
        };
    }

    /// <summary>A date as the form sends it, in the years the stats routes take.</summary>
    internal static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1971 and < 9000
            ? date : null;

    // A local midnight that a clock change skips is read with the zone's standard offset: never an exception.
    internal static DateTime MidnightUtc(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return DateTime.SpecifyKind(local - zone.GetUtcOffset(local), DateTimeKind.Utc);
    }

    private static string LocalDate(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

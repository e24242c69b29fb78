using Ecommerce.Shared.Time;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Shared.Stats;

/// <summary>
/// The period a stats route reports on: <c>from</c> (inclusive) to <c>to</c> (exclusive), ISO 8601 date-times, UTC unless
/// they carry an offset. Unset, <c>to</c> is now and <c>from</c> a day earlier; <c>from</c> must be before <c>to</c>, and
/// a period is at most <see cref="Longest"/>.
/// </summary>
public sealed record StatsPeriod(DateTime From, DateTime To)
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(400);

    public TimeSpan Length => To - From;

    /// <summary>The request's "now" (the host's clock, so a test's fake clock moves it).</summary>
    public static DateTime Now(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>().UtcNowMicros();

    /// <summary>Dates a period may take: from 1970 to the year 9000 (far enough either way, and no arithmetic on them overflows).</summary>
    public static readonly DateTime Earliest = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Latest = new(9000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static StatsPeriod Read(QueryReader query, DateTime now)
    {
        var asked = Within(query, "from", query.Time("from"));
        var to = Within(query, "to", query.Time("to")) ?? now;
        var from = asked ?? to.AddDays(-1);
        if (from >= to) query.Refuse(Pydantic.ValueError(["query", "from"], Iso(from), "from must be earlier than to"));
        else if (to - from > Longest) query.Refuse(Pydantic.ValueError(["query", "from"], Iso(from), $"a period is at most {Longest.TotalDays:0} days"));
        return new StatsPeriod(from, to);
    }

    internal static DateTime? Within(QueryReader query, string name, DateTime? value)
    {
        if (value is not { } time || (time >= Earliest && time <= Latest)) return value;
        query.Refuse(Pydantic.ValueError(["query", name], Iso(time), "a date from 1970 to 9000"));
        return null;
    }

    internal static string Iso(DateTime time) => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}

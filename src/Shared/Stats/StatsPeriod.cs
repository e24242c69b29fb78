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

    public static StatsPeriod Read(QueryReader query, DateTime now)
    {
        var asked = query.Time("from");
        var to = query.Time("to") ?? now;
        var from = asked ?? to.AddDays(-1);
        if (from >= to) query.Refuse(Pydantic.ValueError(["query", "from"], from.ToString("O", System.Globalization.CultureInfo.InvariantCulture), "from must be earlier than to"));
        else if (to - from > Longest) query.Refuse(Pydantic.ValueError(["query", "from"], from.ToString("O", System.Globalization.CultureInfo.InvariantCulture), $"a period is at most {Longest.TotalDays:0} days"));
        return new StatsPeriod(from, to);
    }
}

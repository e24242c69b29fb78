using Ecommerce.Shared.Validation;

namespace Ecommerce.Shared.Stats;

/// <summary>A row that has a creation time a list can be filtered by.</summary>
public interface ICreated
{
    DateTime CreatedAt { get; }
}

/// <summary>
/// A list's optional creation window (additive query parameters): <c>from</c> (inclusive) and <c>to</c> (exclusive), ISO
/// 8601 date-times as the stats routes take them (UTC unless they carry an offset, 1970 to 9000); <c>from</c> must be
/// before <c>to</c> when both are given (else a 422 naming <c>from</c>).
/// </summary>
public sealed record CreatedBetween(DateTime? From, DateTime? To)
{
    public static CreatedBetween Read(QueryReader query)
    {
        var from = StatsPeriod.Within(query, "from", query.Time("from"));
        var to = StatsPeriod.Within(query, "to", query.Time("to"));
        if (from >= to) query.Refuse(Pydantic.ValueError(["query", "from"], StatsPeriod.Iso(from.Value), "from must be earlier than to"));
        return new CreatedBetween(from, to);
    }
}

public static class CreatedBetweenQueries
{
    public static IQueryable<T> CreatedIn<T>(this IQueryable<T> rows, CreatedBetween window) where T : ICreated
    {
        if (window.From is { } from) rows = rows.Where(r => r.CreatedAt >= from);
        if (window.To is { } to) rows = rows.Where(r => r.CreatedAt < to);
        return rows;
    }
}

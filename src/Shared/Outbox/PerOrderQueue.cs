using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Shared.Outbox;

/// <summary>Owed work about one order, whose rows must reach their receiver in the order they were decided.</summary>
public interface IOwedPerOrder
{
    int OrderId { get; }
}

/// <summary>What one <see cref="PerOrderQueue{T}.TakeAsync"/> took.</summary>
/// <param name="Rows">The rows this worker now holds, in position order.</param>
/// <param name="Lapsed">Positions of taken rows another worker held before its lease ran out: it may have done them already.</param>
/// <param name="Full">As many due rows as asked for were found: more may be waiting right away.</param>
public sealed record TakenRows<T>(List<T> Rows, IReadOnlySet<int> Lapsed, bool Full)
{
    public static readonly TakenRows<T> None = new([], new HashSet<int>(), false);
}

/// <summary>
/// Takes owed rows oldest first and in order per order, written once for every table whose rows must not overtake one
/// another (Orders' owed emails, Notifications' deliveries), and across replicas, because the database decides: an order
/// whose oldest row is not due (waiting out a failure) or is held (by another worker, or by the request that wrote it)
/// waits as a whole; the due rows are claimed by one conditional update; and a row taken while an earlier one of its
/// order was written or claimed elsewhere is given back untried, to wait for it.
/// </summary>
/// <param name="position">The row's place in the queue: an id that grows as rows are written.</param>
public sealed class PerOrderQueue<T>(Expression<Func<T, int>> position) where T : OwedWorkRow, IOwedPerOrder
{
    private readonly Func<T, int> _positionOf = position.Compile();

    public int PositionOf(T row) => _positionOf(row);

    public async Task<TakenRows<T>> TakeAsync(IQueryable<T> rows, DateTime now, int max, CancellationToken cancellationToken)
    {
        var blocked = rows.Where(r => r.NextAttemptAt > now || (r.ClaimedUntil != null && r.ClaimedUntil >= now)).Select(r => r.OrderId);
        var due = await rows.Due(now).Where(r => !blocked.Contains(r.OrderId)).OrderBy(position).Take(max).AsNoTracking()
            .ToListAsync(cancellationToken);
        if (due.Count == 0) return TakenRows<T>.None;
        var claimed = await rows.Where(In(due.Select(_positionOf).ToList())).ClaimAsync(now, cancellationToken);
        var taken = await WithoutOvertakingAsync(rows, claimed.OrderBy(_positionOf).ToList());
        var lapsed = due.Where(r => r.ClaimedUntil is not null).Select(_positionOf).ToHashSet();
        return new TakenRows<T>(taken, lapsed, due.Count == max);
    }

    /// <summary>
    /// Gives back the taken rows of an order that has an earlier row this call did not take (another worker holds it, or
    /// it was written while this call read).
    /// </summary>
    private async Task<List<T>> WithoutOvertakingAsync(IQueryable<T> rows, List<T> taken)
    {
        if (taken.Count == 0) return taken;
        var mine = taken.Select(_positionOf).ToList();
        var orders = taken.Select(r => r.OrderId).Distinct().ToList();
        var others = await rows.Where(r => orders.Contains(r.OrderId)).Where(Not(In(mine))).AsNoTracking().ToListAsync();
        var firstOther = others.GroupBy(r => r.OrderId).ToDictionary(g => g.Key, g => g.Min(_positionOf));
        var overtaking = taken.Where(r => firstOther.TryGetValue(r.OrderId, out var first) && first < _positionOf(r)).Select(_positionOf).ToList();
        if (overtaking.Count == 0) return taken;
        await rows.Where(In(overtaking)).ReleaseAsync();
        return taken.Where(r => !overtaking.Contains(_positionOf(r))).ToList();
    }

    /// <summary>
    /// Rows whose position is one of <paramref name="positions"/>; the list is captured as a variable (as a lambda would),
    /// so the database gets it as one parameter and the query's shape is cached once.
    /// </summary>
    private Expression<Func<T, bool>> In(List<int> positions)
    {
        Expression<Func<List<int>>> captured = () => positions;
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(int)], captured.Body, position.Body);
        return Expression.Lambda<Func<T, bool>>(contains, position.Parameters);
    }

    private static Expression<Func<T, bool>> Not(Expression<Func<T, bool>> predicate) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(predicate.Body), predicate.Parameters);
}

namespace Ecommerce.Shared.Outbox;

/// <summary>
/// One worker's round over the rows it claimed, tried one after another, and the two limits such a round keeps.
/// It starts no try once half the lease has passed since the claim: a provider's quota or a slow receiver would otherwise
/// stretch a round of hundreds past the lease, another replica would take the rows left (their lease ran out) and both
/// would work them; the rows left are given back untried instead. And once the receiver gave no answer at all, the rows
/// after it get that outcome without a try of their own: an outage costs one connection attempt a round, not one per row
/// (one timeout, when the receiver accepts connections and never answers).
/// </summary>
public sealed class ClaimedRound(DateTime claimedAt, TimeProvider clock)
{
    /// <summary>Time enough for the longest try (a connection and a call, each within its timeout) before the lease ends.</summary>
    public static readonly TimeSpan TryWindow = OwedWork.Lease / 2;

    /// <summary>No try starts at or after this (half the lease after the claim).</summary>
    public DateTimeOffset TryBy { get; } = new DateTimeOffset(claimedAt.Ticks, TimeSpan.Zero) + TryWindow;

    /// <summary>The first outcome this round that had no answer at all; the rows after it get it without a try.</summary>
    public Attempt? Unanswered { get; private set; }

    /// <summary>Notes a try's outcome and returns it.</summary>
    public Attempt Saw(Attempt attempt)
    {
        if (attempt.Unanswered) Unanswered ??= attempt;
        return attempt;
    }

    /// <summary>
    /// Works the rows in order while the claim's time lasts: <paramref name="work"/> returns false when a row's try could
    /// not start in time (a quota's turn too late). That row and the rest are then given back untried
    /// (<paramref name="giveBack"/>). True when the round stopped short so.
    /// </summary>
    public async Task<bool> WorkInTurnAsync<T>(IReadOnlyList<T> rows, Func<T, Task<bool>> work, Func<IReadOnlyList<T>, Task> giveBack)
    {
        for (var next = 0; next < rows.Count; next++)
        {
            if (clock.GetUtcNow() < TryBy && await work(rows[next])) continue;
            await giveBack(rows.Skip(next).ToList());
            return true;
        }
        return false;
    }
}

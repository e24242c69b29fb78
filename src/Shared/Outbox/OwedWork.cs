using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Shared.Outbox;

/// <summary>
/// A row of work a module still owes another (an email, a charge, a refund, a webhook): written in the same transaction
/// as the change that causes it, deleted once done. Until then a worker takes it under a lease, tries it, and on failure
/// puts it back for a later attempt. Each kind is its own table, with these columns beside its own.
/// </summary>
public abstract class OwedWorkRow
{
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>A worker that took the row holds it until then; another may take it after (the first one died).</summary>
    public DateTime? ClaimedUntil { get; set; }
    /// <summary>
    /// Which worker's claim it is, written with <see cref="ClaimedUntil"/>: two workers whose clocks read the same when they
    /// claim still tell their rows apart. Null for a row its writer holds while it tries it at once.
    /// </summary>
    public Guid? ClaimToken { get; set; }
    public string? LastError { get; set; }
}

/// <summary>The lease and retry queries every owed-work table shares, written once.</summary>
public static class OwedWork
{
    public const int MaxErrorLength = 500;

    /// <summary>How long a taken row is its worker's; longer than any attempt can take (the calls time out in 30 s).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public static string? Shorten(string? error) => error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;

    /// <summary>The columns every owed-work table has: the due index the workers read by, a bounded last error.</summary>
    public static EntityTypeBuilder<T> HasOwedWorkColumns<T>(this EntityTypeBuilder<T> row) where T : OwedWorkRow
    {
        row.HasIndex(r => r.NextAttemptAt);
        row.Property(r => r.LastError).HasMaxLength(MaxErrorLength);
        return row;
    }

    /// <summary>Rows whose next attempt is due and that no live worker holds.</summary>
    public static IQueryable<T> Due<T>(this IQueryable<T> rows, DateTime now) where T : OwedWorkRow =>
        rows.Where(r => r.NextAttemptAt <= now && (r.ClaimedUntil == null || r.ClaimedUntil < now));

    /// <summary>
    /// Takes the free rows among <paramref name="candidates"/> with a lease, by one conditional update: of several workers
    /// (replicas) exactly one takes each row. Returns the rows this call took.
    /// </summary>
    public static async Task<List<T>> ClaimAsync<T>(this IQueryable<T> candidates, DateTime now, CancellationToken cancellationToken)
        where T : OwedWorkRow
    {
        var until = now + Lease;
        Guid? token = Guid.NewGuid();
        await candidates.Where(r => r.ClaimedUntil == null || r.ClaimedUntil < now)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ClaimedUntil, until).SetProperty(r => r.ClaimToken, token), cancellationToken);
        return await candidates.Where(r => r.ClaimToken == token).ToListAsync(cancellationToken);
    }

    /// <summary>Gives taken rows back untried (no attempt counted), due again at once.</summary>
    public static Task<int> ReleaseAsync<T>(this IQueryable<T> rows) where T : OwedWorkRow =>
        rows.ExecuteUpdateAsync(set => set.SetProperty(r => r.ClaimedUntil, (DateTime?)null).SetProperty(r => r.ClaimToken, (Guid?)null),
            CancellationToken.None);

    /// <summary>After an attempt at held rows: put back for later when worth another try, else gone (done, or refused for good).</summary>
    public static Task<int> SettleAsync<T>(this IQueryable<T> rows, Attempt attempt, DateTime now) where T : OwedWorkRow =>
        attempt.Delivery == Delivery.Retry
            ? rows.PostponeAsync(attempt.NextAttemptAt(now), attempt.Error)
            : rows.ExecuteDeleteAsync(CancellationToken.None);

    /// <summary>When work this attempt did not get done is tried again: after the server's Retry-After, else the first backoff.</summary>
    public static DateTime NextAttemptAt(this Attempt attempt, DateTime now) => now + (attempt.RetryAfter ?? Backoff.First);

    /// <summary>Puts taken rows back after a failed attempt: one more attempt counted, the next one at <paramref name="next"/>.</summary>
    public static Task<int> PostponeAsync<T>(this IQueryable<T> rows, DateTime next, string? error) where T : OwedWorkRow
    {
        var shortened = Shorten(error);
        return rows.ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Attempts, r => r.Attempts + 1)
            .SetProperty(r => r.NextAttemptAt, next)
            .SetProperty(r => r.ClaimedUntil, (DateTime?)null)
            .SetProperty(r => r.ClaimToken, (Guid?)null)
            .SetProperty(r => r.LastError, shortened), CancellationToken.None);
    }
}

/// <summary>Exponential backoff with jitter: 1 s, 2 s, 4 s … capped at 5 minutes, each ±50 %.</summary>
public static class Backoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt.</summary>
    public static TimeSpan After(int attempts) =>
        TimeSpan.FromMilliseconds(Math.Min(Max.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1)))
                                  * (0.5 + Random.Shared.NextDouble()));
}

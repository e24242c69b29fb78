using System.Threading.RateLimiting;

namespace Ecommerce.Notifications.RateLimiting;

/// <summary>
/// Plugs D22's rolling window into ASP.NET Core's rate-limiting middleware (no queueing: over the limit is 429 at once):
/// this process's <see cref="RollingWindow"/>, or with Redis configured the <see cref="SharedWindow"/> of all replicas.
/// </summary>
internal sealed class RollingWindowRateLimiter(RollingWindow local, Action refused, SharedWindow? shared = null) : RateLimiter
{
    private readonly string _detail = $"Rate limit exceeded: {local.Limit} per 1 second";

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>The middleware asks synchronously first; the shared window answers only asynchronously (a call to Redis).</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        shared is not null ? Lease.AskAsync : Decide(local.TryAcquire(out var retryAfter), retryAfter);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (shared is null) return AttemptAcquireCore(permitCount);
        var (accepted, retryAfter) = await shared.TryAcquireAsync();
        return Decide(accepted, retryAfter);
    }

    private RateLimitLease Decide(bool accepted, TimeSpan retryAfter)
    {
        if (accepted) return Lease.Accepted;
        refused();
        return new Lease(retryAfter, _detail);
    }

    private sealed class Lease : RateLimitLease
    {
        public static readonly Lease Accepted = new(null, null);
        /// <summary>Not acquired, and no answer yet: the middleware then asks <see cref="AcquireAsyncCore"/>.</summary>
        public static readonly Lease AskAsync = new(TimeSpan.Zero, null);
        private readonly TimeSpan? _retryAfter;
        private readonly string? _reason;

        public Lease(TimeSpan? retryAfter, string? reason)
        {
            _retryAfter = retryAfter;
            _reason = reason;
        }

        public override bool IsAcquired => _retryAfter is null;

        public override IEnumerable<string> MetadataNames =>
            IsAcquired ? [] : [MetadataName.RetryAfter.Name, MetadataName.ReasonPhrase.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? _retryAfter
                : metadataName == MetadataName.ReasonPhrase.Name ? _reason
                : null;
            return metadata is not null;
        }
    }
}

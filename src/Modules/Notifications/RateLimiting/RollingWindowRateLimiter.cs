using System.Threading.RateLimiting;

namespace Ecommerce.Notifications.RateLimiting;

/// <summary>Plugs <see cref="RollingWindow"/> into ASP.NET Core's rate-limiting middleware (no queueing: over the limit is 429 at once).</summary>
internal sealed class RollingWindowRateLimiter(RollingWindow window) : RateLimiter
{
    private readonly string _detail = $"Rate limit exceeded: {window.Limit} per 1 second";

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        window.TryAcquire(out var retryAfter) ? Lease.Accepted : new Lease(retryAfter, _detail);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease : RateLimitLease
    {
        public static readonly Lease Accepted = new(null, null);
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

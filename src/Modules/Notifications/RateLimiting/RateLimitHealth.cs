using Ecommerce.Shared.Hosting;

namespace Ecommerce.Notifications.RateLimiting;

/// <summary>/health on the Notifications port says where the limit is kept, when Redis is configured.</summary>
internal sealed class RateLimitHealth(RedisConnection redis) : IHealthReport
{
    public string Module => NotificationsModule.Name;

    public IReadOnlyDictionary<string, string> Details() => new Dictionary<string, string>
    {
        ["rate_limit"] = redis.Failure is { } failure
            ? $"kept by this replica alone: Redis does not answer ({failure})"
            : "shared by every replica (Redis)",
    };
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ecommerce.Notifications.RateLimiting;

/// <summary>
/// /health/ready on the Notifications port, when Redis is configured: Redis answering a PING. Without it the module still
/// works (each replica keeps the limit alone), so a silent Redis makes the module degraded, not unavailable.
/// </summary>
internal sealed class RedisReadyCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await (await redis.DatabaseAsync()).PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            return HealthCheckResult.Degraded($"the limit is kept by this replica alone: Redis does not answer ({failure.Message})");
        }
    }
}

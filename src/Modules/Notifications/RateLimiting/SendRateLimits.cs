using Ecommerce.Shared.Hosting;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Ecommerce.Notifications.RateLimiting;

/// <summary>
/// D22: <c>Notifications:RateLimitPerSecond</c> (default 10) on POST /email and, separately, on POST /sms,
/// shared by all callers. Reads are not limited. With <c>ConnectionStrings:Redis</c> the window is shared by every
/// replica (<see cref="SharedWindow"/>); without it, this process keeps it.
/// </summary>
internal static class SendRateLimits
{
    public const string Email = "notifications-email";
    public const string Sms = "notifications-sms";

    public static void AddSendRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perSecond = configuration.GetValue<int?>("Notifications:RateLimitPerSecond") ?? 10;
        if (perSecond < 1)
            throw new InvalidOperationException($"Notifications:RateLimitPerSecond must be at least 1, not {perSecond}.");
        var redis = configuration.GetConnectionString("Redis") is { Length: > 0 } redisConfiguration ? new RedisConnection(redisConfiguration) : null;
        if (redis is not null)
        {
            services.AddSingleton(redis).AddSingleton<IHealthReport, RateLimitHealth>();
            services.AddReadinessCheck<RedisReadyCheck>(NotificationsModule.Name, "redis");
        }
        services.AddOptions<RateLimiterOptions>().Configure<ILoggerFactory, NotificationsMetrics>((options, logs, metrics) =>
        {
            var logger = logs.CreateLogger(typeof(SharedWindow));
            RollingWindowRateLimiter Limiter(string channel)
            {
                var local = new RollingWindow(perSecond, TimeSpan.FromSeconds(1), TimeProvider.System);
                return new RollingWindowRateLimiter(local, () => metrics.Refused(channel), redis is null ? null : new SharedWindow(channel, perSecond, redis, local, logger));
            }
            var email = Limiter("email");
            var sms = Limiter("sms");
            options.AddPolicy(Email, _ => RateLimitPartition.Get(Email, _ => email));
            options.AddPolicy(Sms, _ => RateLimitPartition.Get(Sms, _ => sms));
        });
    }
}

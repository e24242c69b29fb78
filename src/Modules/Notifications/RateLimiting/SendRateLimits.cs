using System.Threading.RateLimiting;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Testing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

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
        var redis = configuration.GetConnectionString("Redis") is { Length: > 0 } redisConfiguration ? new RedisConnection(redisConfiguration) : null;
        if (redis is not null)
        {
            services.AddSingleton(redis).AddSingleton<IHealthReport, RateLimitHealth>();
            services.AddReadinessCheck<RedisReadyCheck>(NotificationsModule.Name, "redis");
        }
        services.AddSingleton(sp => new SendWindows(sp.GetRequiredService<IOptions<NotificationsOptions>>().Value.RateLimitPerSecond, sp.GetRequiredService<TimeProvider>(), redis,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SharedWindow))));
        services.AddSingleton<IModuleReset>(sp => sp.GetRequiredService<SendWindows>());
        services.AddOptions<RateLimiterOptions>().Configure<SendWindows, NotificationsMetrics>((options, windows, metrics) =>
        {
            var email = windows.Limiter("email", () => metrics.Refused("email"));
            var sms = windows.Limiter("sms", () => metrics.Refused("sms"));
            options.AddPolicy(Email, _ => RateLimitPartition.Get(Email, _ => email));
            options.AddPolicy(Sms, _ => RateLimitPartition.Get(Sms, _ => sms));
        });
    }
}

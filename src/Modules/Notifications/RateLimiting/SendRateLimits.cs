using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Ecommerce.Notifications.RateLimiting;

/// <summary>
/// D22: <c>Notifications:RateLimitPerSecond</c> (default 10) on POST /email and, separately, on POST /sms,
/// shared by all callers. Reads are not limited.
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
        services.Configure<RateLimiterOptions>(options =>
        {
            options.AddPolicy(Email, _ => RateLimitPartition.Get(Email, _ => Limiter(perSecond)));
            options.AddPolicy(Sms, _ => RateLimitPartition.Get(Sms, _ => Limiter(perSecond)));
        });
    }

    private static RollingWindowRateLimiter Limiter(int perSecond) =>
        new(new RollingWindow(perSecond, TimeSpan.FromSeconds(1), TimeProvider.System));
}

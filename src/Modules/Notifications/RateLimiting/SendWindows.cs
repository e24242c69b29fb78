using Ecommerce.Shared.Testing;

namespace Ecommerce.Notifications.RateLimiting;

/// <summary>
/// The windows of the two channels (email, sms), one set per process: each this process's own <see cref="RollingWindow"/>,
/// behind the Redis <see cref="SharedWindow"/> when Redis is configured. <c>POST /testing/reset</c> empties them.
/// </summary>
internal sealed class SendWindows(int perSecond, TimeProvider clock, RedisConnection? redis, ILogger logger) : IModuleReset
{
    private readonly List<(RollingWindow Local, SharedWindow? Shared)> _windows = [];

    public string Module => NotificationsModule.Name;

    public RollingWindowRateLimiter Limiter(string channel, Action refused)
    {
        var local = new RollingWindow(perSecond, TimeSpan.FromSeconds(1), clock);
        var shared = redis is null ? null : new SharedWindow(channel, perSecond, redis, local, logger);
        lock (_windows) _windows.Add((local, shared));
        return new RollingWindowRateLimiter(local, refused, shared);
    }

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        List<(RollingWindow Local, SharedWindow? Shared)> windows;
        lock (_windows) windows = [.. _windows];
        foreach (var (local, shared) in windows)
        {
            local.Clear();
            if (shared is not null) await shared.ClearAsync();
        }
    }
}

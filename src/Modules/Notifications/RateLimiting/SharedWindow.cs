using StackExchange.Redis;

namespace Ecommerce.Notifications.RateLimiting;

/// <summary>
/// D22's rolling window kept in Redis (<c>ConnectionStrings:Redis</c>), so several replicas are one deployment with one
/// limit: one Lua script per acceptance trims the channel's sorted set of acceptance times to the last second, counts it
/// and adds the new one only if fewer than the limit remain; Redis runs scripts one at a time, so no two replicas can
/// both take the last place. Times come from the Redis server's clock (TIME), the one clock all replicas share.
/// <para>If Redis does not answer, the limit fails safe to this process's own window (the same rule, per replica):
/// emails keep flowing at no more than the limit per replica, the log says so once, and /health shows it until Redis
/// answers again. Refusing everything instead would stop every email of the deployment for as long as Redis is away.</para>
/// </summary>
internal sealed class SharedWindow(string channel, int limit, RedisConnection redis, RollingWindow local, ILogger logger)
{
    private static readonly LuaScript Acquire = LuaScript.Prepare("""
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', now - tonumber(@windowMicros))
        if redis.call('ZCARD', @key) < tonumber(@limit) then
          local seq = redis.call('INCR', @sequence)
          redis.call('ZADD', @key, now, now .. ':' .. seq)
          redis.call('PEXPIRE', @key, 2000)
          redis.call('PEXPIRE', @sequence, 2000)
          return 0
        end
        local oldest = redis.call('ZRANGE', @key, 0, 0, 'WITHSCORES')
        return tonumber(@windowMicros) - (now - tonumber(oldest[2]))
        """);

    private const long WindowMicros = 1_000_000;

    // One hash tag, so the set and its sequence live on the same node of a Redis cluster.
    private readonly RedisKey _key = $"{{ecommerce:notifications:{channel}}}:accepted";
    private readonly RedisKey _sequence = $"{{ecommerce:notifications:{channel}}}:sequence";

    public int Limit => limit;

    /// <summary>Forgets every acceptance of the channel, for every replica (<c>POST /testing/reset</c>).</summary>
    public async Task ClearAsync()
    {
        try
        {
            await (await redis.DatabaseAsync()).KeyDeleteAsync([_key, _sequence]);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            redis.Failed(logger, exception);
        }
    }

    /// <returns>Whether the request is accepted; if not, how long until a place frees up.</returns>
    public async ValueTask<(bool Accepted, TimeSpan RetryAfter)> TryAcquireAsync()
    {
        try
        {
            var database = await redis.DatabaseAsync();
            var wait = (long)await Acquire.EvaluateAsync(database, new { key = _key, sequence = _sequence, limit, windowMicros = WindowMicros });
            redis.Answered(logger);
            return (wait == 0, TimeSpan.FromTicks(Math.Max(0, wait) * 10));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            redis.Failed(logger, exception);
            var accepted = local.TryAcquire(out var retryAfter);
            return (accepted, retryAfter);
        }
    }
}

/// <summary>
/// The connection to Redis shared by the limiter's channels: connects in the background (start-up never waits on
/// Redis), and remembers whether Redis answered last, which the log and /health report.
/// </summary>
internal sealed class RedisConnection(string configuration) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => ConnectionMultiplexer.ConnectAsync(Options(configuration)));
    private volatile string? _failure;

    /// <summary>Null while Redis answers; else why the limit is kept locally.</summary>
    public string? Failure => _failure;

    public async Task<IDatabase> DatabaseAsync() => (await _connection.Value).GetDatabase();

    public void Answered(ILogger logger)
    {
        if (_failure is null) return;
        _failure = null;
        logger.LogInformation("Redis answers again: the notification limit is shared by every replica again");
    }

    public void Failed(ILogger logger, Exception exception)
    {
        if (_failure is not null) return;
        _failure = exception.Message;
        logger.LogWarning("Redis does not answer ({Error}): the notification limit is kept by each replica alone until it does", exception.Message);
    }

    private static ConfigurationOptions Options(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        // Never fail or stall a send on Redis: connect in the background, give up on a call within a second.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 1000;
        options.SyncTimeout = 1000;
        options.AsyncTimeout = 1000;
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated) await (await _connection.Value).DisposeAsync();
    }
}

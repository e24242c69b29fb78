namespace Ecommerce.Notifications.RateLimiting;

/// <summary>
/// D22, exactly: a request is accepted only if fewer than <c>limit</c> requests were accepted in the preceding
/// window. Keeps the times of the last <c>limit</c> acceptances; the oldest decides. No 1-second interval can
/// ever hold limit + 1 acceptances, unlike fixed or segmented windows, which let a straddling burst through twice.
/// </summary>
internal sealed class RollingWindow(int limit, TimeSpan window, TimeProvider clock)
{
    private readonly long[] _accepted = new long[limit];   // ring buffer of timestamps, oldest at _next once full
    private readonly Lock _gate = new();
    private int _next;
    private int _count;

    public int Limit => limit;

    /// <returns>Whether the request is accepted; if not, how long until the oldest acceptance leaves the window.</returns>
    public bool TryAcquire(out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            if (_count < limit)
            {
                _count++;
                return Accept(now, out retryAfter);
            }
            var sinceOldest = clock.GetElapsedTime(_accepted[_next], now);
            if (sinceOldest >= window) return Accept(now, out retryAfter);
            retryAfter = window - sinceOldest;
            return false;
        }
    }

    private bool Accept(long now, out TimeSpan retryAfter)
    {
        _accepted[_next] = now;
        _next = (_next + 1) % limit;
        retryAfter = TimeSpan.Zero;
        return true;
    }
}

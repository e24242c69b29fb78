namespace Ecommerce.Notifications.RateLimiting;

/// <summary>
/// D22, exactly: a request is accepted only if fewer than <c>limit</c> requests were accepted in the preceding
/// window. Keeps the times of the acceptances still inside the window (at most <c>limit</c>); the oldest decides.
/// No 1-second interval can ever hold limit + 1 acceptances, unlike fixed or segmented windows, which let a
/// straddling burst through twice. Memory follows the traffic, not the limit: a limit raised to a million for a
/// load test holds the last second's few thousand times, not a million slots.
/// </summary>
internal sealed class RollingWindow(int limit, TimeSpan window, TimeProvider clock)
{
    private readonly Queue<long> _accepted = new();   // timestamps inside the window, oldest first
    private readonly Lock _gate = new();

    public int Limit => limit;

    /// <summary>Forgets every acceptance (<c>POST /testing/reset</c>).</summary>
    public void Clear()
    {
        lock (_gate) _accepted.Clear();
    }

    /// <returns>Whether the request is accepted; if not, how long until the oldest acceptance leaves the window.</returns>
    public bool TryAcquire(out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            while (_accepted.TryPeek(out var oldest) && clock.GetElapsedTime(oldest, now) >= window) _accepted.Dequeue();
            if (_accepted.Count < limit)
            {
                _accepted.Enqueue(now);
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = window - clock.GetElapsedTime(_accepted.Peek(), now);
            return false;
        }
    }
}

namespace Ecommerce.Notifications.Delivery;

/// <summary>
/// <c>Notifications:Smtp:MaxPerSecond</c>: evenly spaced hand-overs (a provider's sending quota), apart from the API's own
/// acceptance limit. Shared by the connections; 0 paces nothing.
/// </summary>
internal sealed class SmtpPace(double perSecond, TimeProvider clock)
{
    private readonly TimeSpan _interval = perSecond > 0 ? TimeSpan.FromSeconds(1 / perSecond) : TimeSpan.Zero;
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    /// <summary>
    /// Takes the next free turn and waits for it; false, taking nothing, when that turn would come only at or after
    /// <paramref name="before"/> (the worker's rows would be another's by then).
    /// </summary>
    public async Task<bool> WaitAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        if (_interval == TimeSpan.Zero) return true;
        DateTimeOffset slot;
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            slot = _next > now ? _next : now;
            if (slot >= before) return false;
            _next = slot + _interval;
        }
        if (slot > now) await Task.Delay(slot - now, clock, cancellationToken);
        return true;
    }
}

namespace Ecommerce.Notifications.Delivery;

/// <summary>
/// <c>Notifications:Smtp:MaxPerSecond</c>: evenly spaced hand-overs (a provider's sending quota), apart from the API's own
/// acceptance limit, over all connections together. 0 paces nothing.
/// </summary>
internal sealed class SmtpPace(double perSecond, TimeProvider clock)
{
    private readonly TimeSpan _interval = perSecond > 0 ? TimeSpan.FromSeconds(1 / perSecond) : TimeSpan.Zero;
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (_interval == TimeSpan.Zero) return;
        DateTimeOffset slot;
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            slot = _next > now ? _next : now;
            _next = slot + _interval;
        }
        if (slot > now) await Task.Delay(slot - now, clock, cancellationToken);
    }
}

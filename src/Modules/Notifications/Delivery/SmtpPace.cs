namespace Ecommerce.Notifications.Delivery;

/// <summary>
/// <c>Notifications:Smtp:MaxPerSecond</c>: evenly spaced hand-overs (a provider's sending quota), apart from the API's own
/// acceptance limit. 0 paces nothing. One caller at a time (the delivery worker).
/// </summary>
internal sealed class SmtpPace(double perSecond, TimeProvider clock)
{
    private readonly TimeSpan _interval = perSecond > 0 ? TimeSpan.FromSeconds(1 / perSecond) : TimeSpan.Zero;
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (_interval == TimeSpan.Zero) return;
        var now = clock.GetUtcNow();
        if (_next > now) await Task.Delay(_next - now, clock, cancellationToken);
        _next = (_next > now ? _next : now) + _interval;
    }
}

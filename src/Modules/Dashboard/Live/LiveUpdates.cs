using Microsoft.Extensions.Options;

namespace Ecommerce.Dashboard.Live;

/// <summary>
/// A circuit's part of the live updates: one subscription to <see cref="ChangeFeed"/> for the whole circuit, which
/// reloads the page on view after a change, unless the viewer paused them (then it counts what they missed, and a
/// resume reloads once).
/// </summary>
public sealed class LiveUpdates(ChangeFeed feed, IOptions<LiveOptions> options) : IDisposable
{
    /// <summary>Off with <c>Dashboard:LiveSeconds=0</c>: pages show what they read when opened.</summary>
    public bool On => options.Value.On;

    private IDisposable? _subscription;
    private Func<Task>? _reload;

    public bool Paused { get; private set; }

    /// <summary>Changes seen while paused.</summary>
    public int Missed { get; private set; }

    /// <summary>For the indicator: paused, resumed, or a change missed.</summary>
    public event EventHandler? StateChanged;

    /// <summary>The page on view, reloaded after each change (one page per circuit at a time).</summary>
    public void Follow(Func<Task> reload)
    {
        _reload = reload;
        _subscription ??= feed.Subscribe(Changed);
    }

    public void Unfollow(Func<Task> reload)
    {
        if (_reload == reload) _reload = null;
    }

    public void Toggle()
    {
        Paused = !Paused;
        if (!Paused && Missed > 0)
        {
            Missed = 0;
            _ = _reload?.Invoke();
        }
        StateChanged?.Invoke(this, EventArgs.Empty);
    }

    private void Changed()
    {
        if (!Paused)
        {
            _ = _reload?.Invoke();
            return;
        }
        Missed++;
        StateChanged?.Invoke(this, EventArgs.Empty);
    }

    public void Dispose() => _subscription?.Dispose();
}

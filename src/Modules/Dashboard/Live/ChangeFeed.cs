using Ecommerce.Dashboard.Api;
using Microsoft.Extensions.Options;

namespace Ecommerce.Dashboard.Live;

/// <summary>
/// The one watcher of this process: while any dashboard page is open, it asks each module for its change marker
/// (GET /api/v1/{module}/changes) every second (<c>Dashboard:LiveSeconds</c>) and tells the open circuits when one moved. Three small calls a second
/// however many pages are open; none while no page is, nor with <c>Dashboard:LiveSeconds=0</c>.
/// </summary>
public sealed class ChangeFeed(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ChangeFeed> logger, IOptions<LiveOptions> options)
{

    private readonly Lock _gate = new();
    private readonly List<Action> _listeners = [];
    private CancellationTokenSource? _watching;

    /// <summary>Calls <paramref name="changed"/> after each change seen, from the watcher's thread, until disposed.</summary>
    public IDisposable Subscribe(Action changed)
    {
        if (!options.Value.On) return new Subscription(() => { });
        lock (_gate)
        {
            _listeners.Add(changed);
            if (_watching is null)
            {
                _watching = new CancellationTokenSource();
                _ = WatchAsync(_watching.Token);
            }
        }
        return new Subscription(() => Unsubscribe(changed));
    }

    private void Unsubscribe(Action changed)
    {
        lock (_gate)
        {
            _listeners.Remove(changed);
            if (_listeners.Count > 0 || _watching is null) return;
            _watching.Cancel();
            _watching.Dispose();
            _watching = null;
        }
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        await Task.Yield(); // not on the subscriber's thread
        var last = new Dictionary<string, string>();
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.LiveSeconds), clock);
        try
        {
            do
            {
                if (await MarkersAsync() is var markers && Moved(last, markers)) Notify();
            } while (await tick.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "The dashboard's live updates stopped");
        }
    }

    /// <summary>Each module's marker; a module that did not answer is left out (no verdict on it this time).</summary>
    private async Task<Dictionary<string, string>> MarkersAsync()
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var calls = new[]
        {
            ("Orders", services.GetRequiredService<OrdersApi>().Changes()), ("Payments", services.GetRequiredService<PaymentsApi>().Changes()),
            ("Notifications", services.GetRequiredService<NotificationsApi>().Changes()),
        };
        await Task.WhenAll(calls.Select(c => c.Item2));
        return calls.Where(c => c.Item2.Result.Value is not null).ToDictionary(c => c.Item1, c => c.Item2.Result.Value!.Marker);
    }

    /// <summary>Whether a module's marker differs from the one seen before (the first sighting is no change); remembers the new ones.</summary>
    internal static bool Moved(Dictionary<string, string> last, Dictionary<string, string> now)
    {
        var moved = false;
        foreach (var (module, marker) in now)
        {
            moved |= last.TryGetValue(module, out var before) && before != marker;
            last[module] = marker;
        }
        return moved;
    }

    private void Notify()
    {
        Action[] listeners;
        lock (_gate) listeners = [.. _listeners];
        foreach (var listener in listeners) listener();
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
        }
    }
}

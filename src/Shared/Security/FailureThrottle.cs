using System.Collections.Concurrent;
using System.Net;

namespace Ecommerce.Shared.Security;

/// <summary>
/// Refused credentials per client address (dashboard passwords, API keys): each failure in a row is answered a little later
/// (250 ms doubling, up to <c>maxDelay</c>), and after <c>lockoutAfterFailures</c> (when given) the address is locked out for
/// <c>lockout</c>. A success clears the address. Entries of quiet addresses are dropped, so many addresses cannot grow it
/// without bound.
/// </summary>
public sealed class FailureThrottle(TimeProvider clock, TimeSpan maxDelay, int? lockoutAfterFailures = null, TimeSpan? lockout = null)
{
    private const int MaxTrackedAddresses = 10_000;
    private readonly TimeSpan _quiet = lockout ?? TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset? LockedUntil);

    /// <summary>How long the address stays locked out, or null when it may try.</summary>
    public TimeSpan? LockedOutFor(IPAddress address)
    {
        if (!_entries.TryGetValue(address, out var entry) || entry.LockedUntil is not { } until) return null;
        var left = until - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    /// <summary>Records a refused credential; returns how long to hold the answer back and whether the address is now locked out.</summary>
    public (TimeSpan Delay, bool LockedOut) Failed(IPAddress address)
    {
        var now = clock.GetUtcNow();
        if (_entries.Count >= MaxTrackedAddresses) DropQuiet(now);
        var entry = _entries.AddOrUpdate(address,
            _ => new Entry(1, now, null),
            (_, old) => old.LockedUntil is { } until && until <= now
                ? new Entry(1, now, null) // a lockout that ran out starts the count again
                : new Entry(old.Failures + 1, now, old.LockedUntil));
        if (entry.Failures >= lockoutAfterFailures && entry.LockedUntil is null)
        {
            _entries[address] = entry with { LockedUntil = now + _quiet };
            return (TimeSpan.Zero, true);
        }
        var delay = TimeSpan.FromMilliseconds(250 * (1 << Math.Min(entry.Failures - 1, 8)));
        return (delay < maxDelay ? delay : maxDelay, false);
    }

    /// <summary>Clears the address. Called on every let-in API request: the lookup takes no lock, only a removal does.</summary>
    public void Succeeded(IPAddress address)
    {
        if (_entries.ContainsKey(address)) _entries.TryRemove(address, out _);
    }

    private void DropQuiet(DateTimeOffset now)
    {
        var quietSince = now - _quiet;
        foreach (var (address, entry) in _entries)
            if (entry.LastFailure < quietSince && (entry.LockedUntil is null || entry.LockedUntil <= now)) _entries.TryRemove(address, out _);
    }
}

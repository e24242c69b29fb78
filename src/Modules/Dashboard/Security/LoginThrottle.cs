using System.Collections.Concurrent;
using System.Net;

namespace Ecommerce.Dashboard.Security;

/// <summary>
/// Wrong passwords per client address: each failure in a row is answered a little later (up to 2 s), and after
/// <see cref="DashboardAccess.LockoutAfterFailures"/> the address is locked out for <see cref="DashboardAccess.LockoutMinutes"/>.
/// A success clears the address. Entries of quiet addresses are dropped, so many addresses cannot grow it without bound.
/// </summary>
public sealed class LoginThrottle(DashboardAccess access, TimeProvider clock)
{
    private const int MaxTrackedAddresses = 10_000;
    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset? LockedUntil);

    /// <summary>How long the address stays locked out, or null when it may try.</summary>
    public TimeSpan? LockedOutFor(IPAddress address)
    {
        if (!_entries.TryGetValue(address, out var entry) || entry.LockedUntil is not { } until) return null;
        var left = until - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    /// <summary>Records a wrong password; returns how long to hold the answer back and whether the address is now locked out.</summary>
    public (TimeSpan Delay, bool LockedOut) Failed(IPAddress address)
    {
        var now = clock.GetUtcNow();
        if (_entries.Count >= MaxTrackedAddresses) DropQuiet(now);
        var entry = _entries.AddOrUpdate(address,
            _ => new Entry(1, now, null),
            (_, old) => old.LockedUntil is { } until && until <= now
                ? new Entry(1, now, null) // a lockout that ran out starts the count again
                : new Entry(old.Failures + 1, now, old.LockedUntil));
        if (entry.Failures >= access.LockoutAfterFailures && entry.LockedUntil is null)
        {
            _entries[address] = entry with { LockedUntil = now.AddMinutes(access.LockoutMinutes) };
            return (TimeSpan.Zero, true);
        }
        return (TimeSpan.FromMilliseconds(Math.Min(2000, 250 * (1 << Math.Min(entry.Failures - 1, 4)))), false);
    }

    public void Succeeded(IPAddress address) => _entries.TryRemove(address, out _);

    private void DropQuiet(DateTimeOffset now)
    {
        var quietSince = now.AddMinutes(-access.LockoutMinutes);
        foreach (var (address, entry) in _entries)
            if (entry.LastFailure < quietSince && (entry.LockedUntil is null || entry.LockedUntil <= now)) _entries.TryRemove(address, out _);
    }
}

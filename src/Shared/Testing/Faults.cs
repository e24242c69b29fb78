using System.Collections.Concurrent;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Shared.Testing;

/// <summary>
/// The body of <c>POST /testing/faults</c>: what to do (<c>mode</c>: error, delay, drop) to which of the module's own API
/// requests (<c>method</c>, <c>path</c> prefix; any when absent), how often (<c>count</c> matches, else until cleared;
/// each match with <c>probability</c>, drawn from <c>seed</c> when given, so a test can repeat it).
/// </summary>
public sealed record FaultSpec(string Mode, int Status, int DelayMs, int? Count, decimal Probability, string? Method, string? Path, int? Seed)
{
    public const string Error = "error";
    public const string Delay = "delay";
    public const string Drop = "drop";

    public static ValueTask<FaultSpec?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    internal static FaultSpec Read(JsonFields body)
    {
        var mode = body.Choice("mode", [Error, Delay, Drop]);
        var status = body.Int("status", ge: 400, le: 599, fallback: 500);
        var delay = body.Int("delay_ms", ge: 0, le: 600_000, fallback: 2000);
        var count = body.Int("count", ge: 1, fallback: 0);
        var probability = body.Number("probability", gt: 0m, le: 1m, fallback: 1m);
        var method = body.OptionalString("method", 1, 16)?.ToUpperInvariant();
        var path = body.OptionalString("path", 1, 2000);
        var seed = body.Int("seed", fallback: int.MinValue);
        return new FaultSpec(mode, status, delay, count == 0 ? null : count, probability, method, path, seed == int.MinValue ? null : seed);
    }
}

/// <summary>An active fault of one module, as <c>GET /testing/faults</c> lists it (<c>remaining</c> null: until cleared).</summary>
public sealed record FaultView(int Id, string Module, string Mode, int Status, int DelayMs, int? Remaining, decimal Probability,
    string? Method, string? Path, int Matched);

/// <summary>The faults of every module in this process. Matching takes one of a fault's remaining uses atomically.</summary>
public sealed class FaultStore
{
    private readonly ConcurrentDictionary<int, ActiveFault> _faults = new();
    private int _lastId;

    public bool Any => !_faults.IsEmpty;

    public FaultView Add(string module, FaultSpec spec)
    {
        var fault = new ActiveFault(Interlocked.Increment(ref _lastId), module, spec);
        _faults[fault.Id] = fault;
        return fault.View();
    }

    public IReadOnlyList<FaultView> List(string module) =>
        _faults.Values.Where(f => f.Module == module).OrderBy(f => f.Id).Select(f => f.View()).ToList();

    public void Clear(string module)
    {
        foreach (var fault in _faults.Values.Where(f => f.Module == module)) _faults.TryRemove(fault.Id, out _);
    }

    /// <summary>The fault to apply to this request, if one matches and its draw says so; a used-up fault goes away.</summary>
    public FaultSpec? Take(string module, string method, PathString path)
    {
        if (_faults.IsEmpty) return null;
        foreach (var fault in _faults.Values.OrderBy(f => f.Id))
        {
            if (fault.Module != module || !fault.Matches(method, path)) continue;
            if (!fault.TryUse(out var lastUse)) continue;
            if (lastUse) _faults.TryRemove(fault.Id, out _);
            return fault.Spec;
        }
        return null;
    }

    private sealed class ActiveFault(int id, string module, FaultSpec spec)
    {
        private readonly Random _random = spec.Seed is { } seed ? new Random(seed) : new Random();
        private int _remaining = spec.Count ?? int.MaxValue;
        private int _matched;

        public int Id => id;
        public string Module => module;
        public FaultSpec Spec => spec;

        public bool Matches(string method, PathString path) =>
            (spec.Method is null || spec.Method == method)
            && (spec.Path is null || path.StartsWithSegments(spec.Path.TrimEnd('/'), StringComparison.Ordinal) || spec.Path == "/");

        /// <summary>Draws (probability), then takes one remaining use; false when the draw misses or none is left.</summary>
        public bool TryUse(out bool lastUse)
        {
            lastUse = false;
            lock (_random)
                if (spec.Probability < 1m && (decimal)_random.NextDouble() >= spec.Probability) return false;
            while (true)
            {
                var remaining = Volatile.Read(ref _remaining);
                if (remaining <= 0) return false;
                if (Interlocked.CompareExchange(ref _remaining, remaining == int.MaxValue ? remaining : remaining - 1, remaining) != remaining) continue;
                Interlocked.Increment(ref _matched);
                lastUse = remaining == 1;
                return true;
            }
        }

        public FaultView View() => new(id, module, spec.Mode, spec.Status, spec.DelayMs,
            spec.Count is null ? null : Volatile.Read(ref _remaining), spec.Probability, spec.Method, spec.Path, Volatile.Read(ref _matched));
    }
}

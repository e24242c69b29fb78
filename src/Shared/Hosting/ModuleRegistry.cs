using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// The modules this process runs and the port each answers on (<c>Ports:{Module}</c>; 0 lets Kestrel pick a free one,
/// known once it is bound).
/// <c>Modules:Enabled</c> (comma separated, default all) lets one binary run one module per process.
/// </summary>
public sealed class ModuleRegistry
{
    public static readonly IReadOnlyDictionary<string, int> DefaultPorts = new Dictionary<string, int>
    {
        ["Orders"] = 8000, ["Payments"] = 8001, ["Notifications"] = 8002, ["Dashboard"] = 5173,
    };

    private readonly IConfiguration _configuration;
    private readonly HashSet<string>? _enabled;
    private readonly List<RunningModule> _modules = [];

    public ModuleRegistry(IConfiguration configuration)
    {
        _configuration = configuration;
        var enabled = configuration["Modules:Enabled"];
        if (!string.IsNullOrWhiteSpace(enabled) && !enabled.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            _enabled = enabled.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            var unknown = _enabled.Where(name => !DefaultPorts.ContainsKey(name)).ToList();
            if (unknown.Count > 0)
                throw new InvalidOperationException(
                    $"Modules:Enabled names unknown module(s) {string.Join(", ", unknown)}; known: {string.Join(", ", DefaultPorts.Keys)}.");
        }
    }

    public IReadOnlyList<RunningModule> Modules => _modules;

    /// <summary>Registers a module to run here, unless configuration leaves it out; returns whether it runs.</summary>
    public bool TryAdd(string name)
    {
        if (!IsEnabled(name)) return false;
        var port = ConfiguredPort(name);
        // Each module answers only on its own port (requests are routed by the port they came in on).
        if (port != 0 && _modules.FirstOrDefault(m => m.Port == port) is { } other)
            throw new InvalidOperationException($"Ports:{other.Name} and Ports:{name} are both {port}: each module needs a port of its own.");
        _modules.Add(new RunningModule(name, port));
        return true;
    }

    /// <summary>Whether configuration runs the module in this process.</summary>
    public bool IsEnabled(string name) => _enabled is null || _enabled.Contains(name);

    /// <summary>The module listens on 127.0.0.1 and ::1 only, not on every interface.</summary>
    public void ListenOnLoopbackOnly(string name)
    {
        foreach (var module in _modules.Where(m => m.Name == name)) module.LoopbackOnly = true;
    }

    /// <summary>Tells Kestrel what to bind: each module's port, on every interface or on loopback only.</summary>
    public void ListenOn(KestrelServerOptions kestrel)
    {
        foreach (var module in _modules) module.ListenOn(kestrel);
    }

    public string? ModuleAt(int localPort)
    {
        foreach (var module in _modules)
            if (module.Port == localPort) return module.Name;
        return null;
    }

    /// <summary>The port a module answers on: here, the one bound (once Kestrel has bound it); elsewhere, as configured.</summary>
    public int PortOf(string name) => _modules.FirstOrDefault(m => m.Name == name)?.Port ?? ConfiguredPort(name);

    private int ConfiguredPort(string name)
    {
        var raw = _configuration[$"Ports:{name}"];
        if (raw is null) return DefaultPorts[name];
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
            throw new InvalidOperationException($"Ports:{name} must be a port number from 0 to 65535, not '{raw}'.");
        return port;
    }
}

/// <summary>A module and its port: the configured one until Kestrel has bound it, then the one bound (which differs for 0).</summary>
public sealed class RunningModule(string name, int configuredPort)
{
    private ListenOptions? _listening;

    public string Name => name;

    public int Port => _listening?.IPEndPoint?.Port is > 0 and var bound ? bound : configuredPort;

    /// <summary>Bound to the loopback interfaces only (127.0.0.1 and ::1; 127.0.0.1 alone on a port Kestrel picks), not to every interface.</summary>
    public bool LoopbackOnly { get; internal set; }

    // Kestrel writes the port it bound back into the ListenOptions it was given, which is how Port learns it.
    internal void ListenOn(KestrelServerOptions kestrel)
    {
        if (!LoopbackOnly) kestrel.ListenAnyIP(configuredPort, listen => _listening = listen);
        // Kestrel refuses localhost:0 (it cannot promise both loopbacks the same free port): a picked port is IPv4 only.
        else if (configuredPort == 0) kestrel.Listen(IPAddress.Loopback, 0, listen => _listening = listen);
        else kestrel.ListenLocalhost(configuredPort, listen => _listening = listen);
    }
}

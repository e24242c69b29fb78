using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// The modules this process runs and the port each answers on (<c>Ports:{Module}</c>; 0 picks a free port once).
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
        _modules.Add(new RunningModule(name, ConfiguredPort(name)));
        return true;
    }

    /// <summary>Whether configuration runs the module in this process.</summary>
    public bool IsEnabled(string name) => _enabled is null || _enabled.Contains(name);

    /// <summary>The module listens on 127.0.0.1 and ::1 only, not on every interface.</summary>
    public void ListenOnLoopbackOnly(string name)
    {
        var index = _modules.FindIndex(m => m.Name == name);
        if (index >= 0) _modules[index] = _modules[index] with { LoopbackOnly = true };
    }

    public string? ModuleAt(int localPort)
    {
        foreach (var module in _modules)
            if (module.Port == localPort) return module.Name;
        return null;
    }

    /// <summary>The port a module answers on, here or (when it runs elsewhere) as configured.</summary>
    public int PortOf(string name) => _modules.FirstOrDefault(m => m.Name == name)?.Port ?? ConfiguredPort(name, pickFree: false);

    private int ConfiguredPort(string name, bool pickFree = true)
    {
        var raw = _configuration[$"Ports:{name}"];
        if (raw is null) return DefaultPorts[name];
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
            throw new InvalidOperationException($"Ports:{name} must be a port number from 0 to 65535, not '{raw}'.");
        return port == 0 && pickFree ? FreePort() : port;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed record RunningModule(string Name, int Port, bool LoopbackOnly = false);

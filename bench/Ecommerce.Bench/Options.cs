using System.Globalization;

namespace Ecommerce.Bench;

internal sealed record Options(string Scenario, int Clients, TimeSpan Duration, TimeSpan Warmup, string LogLevel, Dictionary<string, string> Environment, int Orders, bool ReadyToRun, string? HostDll,
    double? Rate = null, int? Runs = null, string? BaselineDll = null)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        return new Options(
            args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "orders",
            int.Parse(Value("--clients", "32"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Value("--duration", "30"), CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(Value("--warmup", "20"), CultureInfo.InvariantCulture)),
            Value("--log-level", "Information"),
            // --env KEY=VALUE (repeatable): extra settings or runtime knobs for the host, e.g. --env DOTNET_gcServer=0
            args.Select((a, i) => (a, i)).Where(x => x.a == "--env" && x.i + 1 < args.Length)
                .Select(x => args[x.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1])
                .Concat(Provider(Value("--provider", "Sqlite"), Value("--connection-string", ""))).ToDictionary(),
            int.Parse(Value("--orders", "10000"), CultureInfo.InvariantCulture),
            args.Contains("--ready-to-run"),
            args.Contains("--host") ? Path.GetFullPath(Value("--host", "")) : null,
            // --rate N: the measured orders arrive at N a second (open loop) instead of from --clients clients in a loop.
            args.Contains("--rate") ? double.Parse(Value("--rate", ""), CultureInfo.InvariantCulture) : null,
            // --runs N: alternated runs (floor, ab, startup; each scenario has its default); --baseline DLL: another build to compare.
            args.Contains("--runs") ? int.Parse(Value("--runs", ""), CultureInfo.InvariantCulture) : null,
            args.Contains("--baseline") ? Path.GetFullPath(Value("--baseline", "")) : null);
    }

    /// <summary>
    /// --provider Postgres|SqlServer --connection-string CS: the host on that server database (an empty one: every module
    /// creates its schema), instead of a fresh SQLite directory.
    /// </summary>
    private static Dictionary<string, string> Provider(string provider, string connectionString)
    {
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return [];
        if (connectionString.Length == 0) throw new ArgumentException($"--provider {provider} needs --connection-string", nameof(connectionString));
        return new Dictionary<string, string>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Orders"] = connectionString,
            ["ConnectionStrings:Payments"] = connectionString,
            ["ConnectionStrings:Notifications"] = connectionString,
        };
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Ecommerce.Bench;

/// <summary>
/// System calls and context switches of a process over a window, counted by Linux <c>perf stat</c> when it is installed
/// and allowed (root, or perf_event_paranoid ≤ 1); null otherwise. On a virtual machine every system call and switch is
/// dear (a kernel entry measured 30–50 % of the host's CPU here), so these say more about the cost of an order than
/// its instructions do.
/// </summary>
internal sealed class PerfStat
{
    private readonly Process? _perf;

    private PerfStat(Process? perf) => _perf = perf;

    public static PerfStat Start(int processId, TimeSpan window)
    {
        try
        {
            var start = new ProcessStartInfo("perf",
                ["stat", "-x", ",", "-e", "raw_syscalls:sys_enter,context-switches", "-p", processId.ToString(CultureInfo.InvariantCulture),
                    "--", "sleep", window.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)])
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            };
            return new PerfStat(Process.Start(start));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return new PerfStat(null); // no perf here
        }
    }

    /// <summary>(system calls, context switches) in the window, or null when perf could not count them.</summary>
    public async Task<(double Syscalls, double Switches)?> ResultAsync()
    {
        if (_perf is null) return null;
        var output = await _perf.StandardError.ReadToEndAsync();
        await _perf.WaitForExitAsync();
        double? Count(string eventName) => output.Split('\n').Select(l => l.Split(','))
            .Where(f => f.Length > 2 && f[2].StartsWith(eventName, StringComparison.Ordinal) && double.TryParse(f[0], CultureInfo.InvariantCulture, out _))
            .Select(f => (double?)double.Parse(f[0], CultureInfo.InvariantCulture)).FirstOrDefault();
        return Count("raw_syscalls:sys_enter") is { } calls && Count("context-switches") is { } switches ? (calls, switches) : null;
    }
}

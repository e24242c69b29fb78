using System.Diagnostics;
using Microsoft.Playwright;

namespace Ecommerce.IntegrationTests.Accessibility;

/// <summary>
/// axe-core (npm, pinned in this folder's package.json and lock file) run in a page: its serious and critical findings.
/// The first use installs it with <c>npm ci</c> when node_modules is missing (.ci/run does it beforehand).
/// </summary>
public static class Axe
{
    private static readonly string Folder = Path.Combine(Repository.Root(), "tests", "Ecommerce.IntegrationTests", "Accessibility");
    private static readonly Lazy<string?> Script = new(Load);

    /// <summary>Why axe-core cannot run here, or null when it can.</summary>
    public static string? Missing => Script.Value is null ? $"axe-core is not installed in {Folder} and npm could not install it (npm ci)" : null;

    /// <summary>"rule: help (elements)" for each serious or critical finding on the page as it stands.</summary>
    public static async Task<IReadOnlyList<string>> SeriousFindingsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, so the dashboard's Content-Security-Policy does not stand in the way.
        await page.EvaluateAsync(Script.Value!);
        return await page.EvaluateAsync<string[]>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`);
            }
            """);
    }

    private static string? Load()
    {
        var file = Path.Combine(Folder, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(file))
        {
            try
            {
                using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
                {
                    WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                });
                npm!.StandardOutput.ReadToEnd();
                npm.WaitForExit(TimeSpan.FromMinutes(2));
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null; // no npm
            }
        }
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }
}

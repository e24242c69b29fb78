using Ecommerce.Shared.Hosting;

namespace Ecommerce.Dashboard.Live;

/// <summary><c>Dashboard:LiveSeconds</c>: how often the live updates ask the modules what changed (default 1; 0 turns them off).</summary>
public sealed class LiveOptions : IModuleOptions
{
    public const string Section = "Dashboard";

    public double LiveSeconds { get; set; } = 1;

    public bool On => LiveSeconds > 0;

    public IEnumerable<string> Problems()
    {
        if (!(LiveSeconds is >= 0 and <= 60)) yield return $"Dashboard:LiveSeconds must be a number of seconds from 0 (off) to 60, not {LiveSeconds}.";
    }
}

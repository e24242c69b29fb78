namespace Ecommerce.Shared.Hosting;

/// <summary><c>Shutdown:DrainDelaySeconds</c> (default 0, at most 300): how long <see cref="ShutdownDrain"/> keeps answering after SIGTERM.</summary>
public sealed class ShutdownOptions : IModuleOptions
{
    public const string Section = "Shutdown";

    public double DrainDelaySeconds { get; init; }

    public IEnumerable<string> Problems()
    {
        if (!(DrainDelaySeconds is >= 0 and <= 300)) yield return $"Shutdown:DrainDelaySeconds must be from 0 to 300 seconds, not {DrainDelaySeconds}.";
    }
}

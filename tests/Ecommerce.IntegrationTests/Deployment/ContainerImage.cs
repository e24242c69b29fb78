using System.Text.Json;

namespace Ecommerce.IntegrationTests.Deployment;

/// <summary>
/// What the repository's Dockerfile says its final image runs: the environment, the working directory, the user, the data
/// volume, the entry point and the health probe. Read from the file itself, so the rehearsal runs what the image would.
/// </summary>
public sealed record ContainerImage(
    IReadOnlyDictionary<string, string> Environment, string WorkingDirectory, string User, string Volume,
    IReadOnlyList<string> Entrypoint, IReadOnlyList<string> HealthCheck, IReadOnlyList<string> Exposed)
{
    /// <summary>What the base image (mcr.microsoft.com/dotnet/runtime-deps) sets before the Dockerfile's own lines.</summary>
    private static readonly Dictionary<string, string> BaseImageEnvironment = new()
    {
        ["APP_UID"] = "1654",
        ["ASPNETCORE_HTTP_PORTS"] = "8080",
        ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
    };

    public static ContainerImage Read(string dockerfile)
    {
        var lines = File.ReadAllLines(dockerfile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var finalStage = lines.Skip(lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal))).ToList();
        string? Single(string instruction) =>
            finalStage.LastOrDefault(l => l.StartsWith(instruction + " ", StringComparison.Ordinal))?[(instruction.Length + 1)..].Trim();
        var environment = new Dictionary<string, string>(BaseImageEnvironment);
        foreach (var line in finalStage.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)))
        {
            var pair = line[4..].Trim();
            var equals = pair.IndexOf('=');
            if (equals <= 0) throw new FormatException($"The rehearsal reads ENV as KEY=VALUE, one per line: {line}");
            environment[pair[..equals]] = pair[(equals + 1)..];
        }
        var health = Single("HEALTHCHECK") ?? throw new FormatException("The Dockerfile has no HEALTHCHECK");
        return new ContainerImage(
            environment,
            Single("WORKDIR") ?? "/",
            Single("USER") ?? "root",
            Single("VOLUME") ?? throw new FormatException("The Dockerfile declares no VOLUME"),
            JsonSerializer.Deserialize<string[]>(Single("ENTRYPOINT") ?? throw new FormatException("The Dockerfile has no ENTRYPOINT"))!,
            JsonSerializer.Deserialize<string[]>(health[(health.IndexOf("CMD ", StringComparison.Ordinal) + 4)..])!,
            (Single("EXPOSE") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}

using System.Diagnostics;

namespace Ecommerce.Bench;

/// <summary>The programs a benchmark runs, built as a user would run them (started with <see cref="Ecommerce.Testing.HostProcess"/>).</summary>
internal static class Builds
{
    /// <summary>A Release build, or with <paramref name="asContainer"/> what the container image holds (deploy/publish.sh).</summary>
    public static string Host(string repositoryRoot, bool asContainer) =>
        Project(repositoryRoot, Path.Combine(repositoryRoot, "src", "Host", "Ecommerce.Host.csproj"), asContainer);

    /// <summary>The same for another web project (the start-up benchmark's empty app), built or published as the host is.</summary>
    public static string Project(string repositoryRoot, string project, bool asContainer)
    {
        var assembly = Path.GetFileNameWithoutExtension(project);
        var output = Path.Combine(Path.GetTempPath(), $"ecommerce-bench-{assembly}{(asContainer ? "-container" : "")}");
        if (asContainer) Run("sh", [Path.Combine(repositoryRoot, "deploy", "publish.sh"), output, project]);
        else Run("dotnet", ["build", project, "-c", "Release", "-o", output, "-nologo", "-v", "q"]);
        return Path.Combine(output, assembly + ".dll");
    }

    /// <summary>A web project as a plain <c>dotnet publish -c Release</c> makes it: framework-dependent, its code JIT-compiled.</summary>
    public static string PublishPlain(string project)
    {
        var assembly = Path.GetFileNameWithoutExtension(project);
        var output = Path.Combine(Path.GetTempPath(), $"ecommerce-bench-{assembly}-plain");
        Run("dotnet", ["publish", project, "-c", "Release", "-o", output, "-nologo", "-v", "q"]);
        return Path.Combine(output, assembly + ".dll");
    }

    private static void Run(string program, string[] arguments)
    {
        using var build = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed:\n{output}");
    }
}

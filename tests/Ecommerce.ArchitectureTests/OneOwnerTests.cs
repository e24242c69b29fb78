using System.Text.RegularExpressions;

namespace Ecommerce.ArchitectureTests;

/// <summary>Mechanisms written once: a second copy is the next feature written twice.</summary>
[TestFixture]
public sealed partial class OneOwnerTests
{
    private static readonly string Sources = Path.Combine(RepositoryRoot(), "src");

    [Test]
    public void Given_the_sources_Then_only_Call_turns_an_http_calls_failure_into_an_outcome()
    {
        var catching = Directory.EnumerateFiles(Sources, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => CatchesCallFailure().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(Sources, file))
            .ToList();
        Assert.That(catching, Is.EqualTo(new[] { Path.Combine("Shared", "Http", "Call.cs") }), "catch sites of HttpRequestException / TaskCanceledException");
    }

    /// <summary>A catch clause or exception filter naming the failures of an HTTP call.</summary>
    [GeneratedRegex(@"catch\s*\((HttpRequestException|TaskCanceledException)|when\s*\([^)]*\b(HttpRequestException|TaskCanceledException)\b")]
    private static partial Regex CatchesCallFailure();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Ecommerce.sln"))) return directory.FullName;
        throw new InvalidOperationException("Ecommerce.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.Text.RegularExpressions;

namespace Ecommerce.ArchitectureTests;

/// <summary>Mechanisms written once: a second copy is the next feature written twice.</summary>
[TestFixture]
public sealed partial class OneOwnerTests
{
    [Test]
    public void Given_the_sources_Then_only_Call_turns_an_http_calls_failure_into_an_outcome()
    {
        var catching = SourceFiles.Under("src")
            .Where(file => CatchesCallFailure().IsMatch(File.ReadAllText(Path.Combine(SourceFiles.Root, file))))
            .ToList();
        Assert.That(catching, Is.EqualTo(new[] { Path.Combine("src", "Shared", "Http", "Call.cs") }), "catch sites of HttpRequestException / TaskCanceledException");
    }

    /// <summary>A catch clause or exception filter naming the failures of an HTTP call.</summary>
    [GeneratedRegex(@"catch\s*\((HttpRequestException|TaskCanceledException)|when\s*\([^)]*\b(HttpRequestException|TaskCanceledException)\b")]
    private static partial Regex CatchesCallFailure();
}

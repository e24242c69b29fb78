namespace Ecommerce.ArchitectureTests;

/// <summary>What the build's analyzers do not check of the code's look, checked on the sources themselves.</summary>
[TestFixture]
public sealed class CodeStyleTests
{
    [Test]
    public void Given_the_sources_Then_their_using_directives_are_sorted_with_System_first()
    {
        var unsorted = SourceFiles.Under("src", "tests", "bench", "fuzz", "samples")
            .Where(file => !IsSorted(File.ReadLines(Path.Combine(SourceFiles.Root, file))))
            .ToList();
        Assert.That(unsorted, Is.Empty, "using directives out of order (System first, then by name, ignoring case)");
    }

    /// <summary>The plain <c>using X;</c> lines at the top of a file (static and alias ones aside), in the order .editorconfig sets.</summary>
    private static bool IsSorted(IEnumerable<string> lines)
    {
        var names = lines.TakeWhile(line => !line.StartsWith("namespace", StringComparison.Ordinal))
            .Where(line => line.StartsWith("using ", StringComparison.Ordinal) && line.EndsWith(';') && !line.Contains('=', StringComparison.Ordinal)
                           && !line.StartsWith("using static ", StringComparison.Ordinal) && !line.Contains('(', StringComparison.Ordinal))
            .Select(line => line["using ".Length..^1].Trim())
            .ToList();
        var sorted = names.OrderBy(name => name == "System" || name.StartsWith("System.", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(name => name, StringComparer.OrdinalIgnoreCase).ThenBy(name => name, StringComparer.Ordinal);
        return names.SequenceEqual(sorted);
    }
}

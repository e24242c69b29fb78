namespace Ecommerce.ArchitectureTests;

/// <summary>The repository's own C# sources (not build output, generated migrations or compiled models), for tests that read them.</summary>
internal static class SourceFiles
{
    public static readonly string Root = FindRoot();

    /// <summary>Paths relative to the repository, under the given top-level folders.</summary>
    public static IEnumerable<string> Under(params string[] folders) =>
        folders.Select(folder => Path.Combine(Root, folder)).Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(file => !new[] { "bin", "obj", "Migrations", "CompiledModels", "node_modules" }.Any(part =>
                file.Contains($"{Path.DirectorySeparatorChar}{part}{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            .Select(file => Path.GetRelativePath(Root, file))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Ecommerce.sln"))) return directory.FullName;
        throw new InvalidOperationException("Ecommerce.sln not found above " + AppContext.BaseDirectory);
    }
}

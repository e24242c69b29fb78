namespace Ecommerce.IntegrationTests.Infrastructure;

public static class Repository
{
    /// <summary>The checkout the tests run from: the first directory above the test assembly that holds Ecommerce.sln.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Ecommerce.sln"))) return directory.FullName;
        throw new DirectoryNotFoundException("Ecommerce.sln not found above the test assembly");
    }
}

namespace Ecommerce.Testing;

/// <summary>A data directory a test host keeps only while it runs: made under the temp folder, deleted when it stops.</summary>
public static class ThrowawayDirectory
{
    /// <summary>A new path under the temp folder (created by whoever writes there first).</summary>
    public static string New() => Path.Combine(Path.GetTempPath(), "ecommerce-testing", Guid.NewGuid().ToString("N"));

    /// <summary>Deletes it and what is in it, if it exists; a file still held for a moment leaves it in the temp folder.</summary>
    public static void Delete(string? directory)
    {
        if (directory is null || !Directory.Exists(directory)) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();   // the pooled handles of an in-process host's files
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // still held: it stays in the temp folder
        }
    }
}

using Microsoft.Data.Sqlite;

namespace Ecommerce.UnitTests;

/// <summary>A temporary directory for SQLite files; disposing it closes the pooled connections that hold them and deletes it.</summary>
internal sealed class SqliteScratch : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sqlite-").FullName;

    public string File(string name) => Path.Combine(_directory, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Ecommerce.Floor;

/// <summary>
/// One module's SQLite file: WAL (set once, per file), and on every physical connection the product's pragmas and the
/// same commit counter (<c>ecommerce.db.commits</c>), so the benchmark counts both programs alike.
/// </summary>
internal sealed class FloorDatabase
{
    private static readonly Meter Meter = new("Ecommerce.Persistence");
    private static readonly Counter<long> Commits = Meter.CreateCounter<long>("ecommerce.db.commits");
    private readonly string _connectionString;
    private readonly string _name;
    private readonly HashSet<sqlite3> _configured = [];

    private FloorDatabase(string connectionString, string name)
    {
        _connectionString = connectionString;
        _name = name;
    }

    public static FloorDatabase Create(string directory, string name, string schema)
    {
        var database = new FloorDatabase(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, name + ".db"), Pooling = true }.ToString(), name);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; " + schema;
        command.ExecuteNonQuery();
        return database;
    }

    /// <summary>One statement, its own transaction: what it returns (the new or changed row's id).</summary>
    public async Task<long> InsertAsync(string sql, params object[] values)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++) command.Parameters.AddWithValue($"${i + 1}", values[i]);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        lock (_configured)
        {
            if (!_configured.Add(connection.Handle!)) return connection;
        }
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-256;";
        command.ExecuteNonQuery();
        var tag = new KeyValuePair<string, object?>("database", _name);
        raw.sqlite3_commit_hook(connection.Handle!, _ =>
        {
            Commits.Add(1, tag);
            return 0;
        }, null);
        return connection;
    }
}

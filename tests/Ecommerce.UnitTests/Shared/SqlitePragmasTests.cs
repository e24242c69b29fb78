using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.UnitTests.Shared;

/// <summary>Every physical connection the host opens carries the settings the benchmarks chose, including reopened pooled ones.</summary>
public sealed class SqlitePragmasTests
{
    [Test]
    public void Given_a_module_database_When_a_connection_opens_Then_it_runs_with_normal_sync_a_small_page_cache_and_a_busy_timeout()
    {
        using var file = new OrdersDatabaseFile();
        using var db = file.Open();
        for (var open = 0; open < 2; open++)
        {
            db.Database.OpenConnection();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            Assert.Multiple(() =>
            {
                Assert.That(Pragma(connection, "synchronous"), Is.EqualTo(1), "NORMAL");
                Assert.That(Pragma(connection, "cache_size"), Is.EqualTo(-256), "KiB");
                Assert.That(Pragma(connection, "busy_timeout"), Is.EqualTo(10_000), "ms");
                Assert.That(Pragma(connection, "journal_mode"), Is.EqualTo("wal"));
            });
            db.Database.CloseConnection();
        }
    }

    private static object Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        var value = command.ExecuteScalar()!;
        return value is long number ? (int)number : value;
    }
}

using Ecommerce.Shared.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.UnitTests.Shared;

/// <summary>
/// The decimal functions registered once per physical connection answer exactly as EF Core's own registration of them
/// does, on the same SQLite file, for the SQL EF translates decimals to.
/// </summary>
public sealed class SqliteFunctionsTests
{
    private SqliteScratch _scratch = null!;

    [SetUp]
    public void CreateDirectory() => _scratch = new SqliteScratch();

    [TearDown]
    public void DeleteDirectory() => _scratch.Dispose();

    [TestCase("SELECT ef_add('183100.0', '0.5')")]
    [TestCase("SELECT ef_add(NULL, '0.5')")]
    [TestCase("SELECT ef_add(3, 2.25)")]
    [TestCase("SELECT ef_multiply('89800.0', 2)")]
    [TestCase("SELECT ef_divide('10.0', '4')")]
    [TestCase("SELECT ef_divide('10.0', '0')")]
    [TestCase("SELECT ef_mod('10.5', '3')")]
    [TestCase("SELECT ef_mod('10.5', '0')")]
    [TestCase("SELECT ef_negate('-3500.0')")]
    [TestCase("SELECT ef_compare('10.0', '9.5'), ef_compare('9.5', '10.0'), ef_compare('2.0', '2'), ef_compare(NULL, '1')")]
    [TestCase("SELECT regexp('^[A-Z]{3}$', 'JPY'), regexp('^[A-Z]{3}$', 'jpy'), regexp(NULL, 'x')")]
    [TestCase("SELECT ef_sum(v), ef_min(v), ef_max(v), ef_avg(v) FROM amounts")]
    [TestCase("SELECT ef_sum(v), ef_min(v), ef_max(v), ef_avg(v) FROM amounts WHERE v IS NULL")]
    [TestCase("SELECT ef_sum(v), ef_avg(v) FROM amounts GROUP BY k ORDER BY k")]
    [TestCase("SELECT v FROM amounts WHERE v IS NOT NULL ORDER BY v COLLATE EF_DECIMAL")]
    public void Given_sql_over_decimals_Then_the_answer_is_the_one_efs_own_functions_give(string sql)
    {
        var file = _scratch.File("amounts.db");
        using (var setup = new SqliteConnection($"Data Source={file}"))
        {
            setup.Open();
            Execute(setup, "CREATE TABLE amounts (k INTEGER, v TEXT); INSERT INTO amounts VALUES (1, '183100.0'), (1, '9.5'), (2, '10.25'), (2, NULL), (3, '-3500.5'), (3, '100.0')");
        }

        using var ours = new SqliteConnection($"Data Source={file};Pooling=False");
        ours.Open();
        SqliteFunctions.Register(ours.Handle!);
        using var ef = new DbContext(new DbContextOptionsBuilder().UseSqlite($"Data Source={file};Pooling=False").Options);
        ef.Database.OpenConnection();

        Assert.That(Answer(ours, sql), Is.EqualTo(Answer((SqliteConnection)ef.Database.GetDbConnection(), sql)));
    }

    private static string Answer(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : $"{reader.GetValue(i)}:{reader.GetDataTypeName(i)}")));
        return string.Join("\n", rows);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Ecommerce.Shared.Persistence;

/// <summary>
/// One prepared <c>INSERT</c> of an entity type on SQLite, bound by position and stepped per row; a generated key is
/// <c>last_insert_rowid()</c>, a key the entity brings (<c>ValueGeneratedNever</c>) is inserted like any column.
/// Values go through EF's value converters, then are stored in Microsoft.Data.Sqlite's own
/// formats (decimal as <c>0.0###…</c> text, DateTime as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>), so rows read back exactly
/// as if SaveChanges had written them (a unit test compares the stored bytes). Types it does not know are refused
/// when the statement is built, never stored in another form.
/// A statement is compiled once per physical connection and entity type and kept with that connection (SQLite
/// recompiles it by itself after a schema change): Microsoft.Data.Sqlite compiles a command's SQL on every execution,
/// and an order's chain inserts eight rows in as many statements. A pooled connection serves one caller at a time, so its
/// statements need no lock; they are finalized when the connection's handle is collected after the pool closes it.
/// </summary>
internal sealed class SqliteInsertStatement
{
    private static readonly ConcurrentDictionary<IEntityType, Plan> Plans = new();
    private static readonly ConditionalWeakTable<sqlite3, Dictionary<IEntityType, sqlite3_stmt>> Compiled = new();

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly Plan _plan;

    private SqliteInsertStatement(sqlite3 db, sqlite3_stmt statement, Plan plan) => (_db, _statement, _plan) = (db, statement, plan);

    public static SqliteInsertStatement Prepare(SqliteConnection connection, IEntityType entityType)
    {
        var plan = Plans.GetOrAdd(entityType, Plan.For);
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open");
        var statements = Compiled.GetValue(db, static _ => []);
        if (!statements.TryGetValue(entityType, out var statement))
        {
            var rc = raw.sqlite3_prepare_v3(db, plan.Sql, raw.SQLITE_PREPARE_PERSISTENT, out statement);
            SqliteException.ThrowExceptionForRC(rc, db);
            statements[entityType] = statement;
        }
        return new SqliteInsertStatement(db, statement, plan);
    }

    public void Insert(object entity)
    {
        for (var i = 0; i < _plan.Columns.Length; i++) Bind(i + 1, _plan.Columns[i](entity));
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
        _plan.SetKey(entity, raw.sqlite3_last_insert_rowid(_db));
    }

    /// <summary>
    /// Microsoft.Data.Sqlite's storage forms (SqliteValueBinder) for the provider types entities use. Text goes in as
    /// UTF-16 from the stack (SQLite copies it and stores UTF-8, as for any text), so a row allocates nothing here.
    /// </summary>
    private void Bind(int index, object? value)
    {
        Span<char> text = stackalloc char[64];
        var written = 0;
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(_statement, index),
            string s => raw.sqlite3_bind_text16(_statement, index, s),
            int number => raw.sqlite3_bind_int64(_statement, index, number),
            long number => raw.sqlite3_bind_int64(_statement, index, number),
            bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
            decimal amount when amount.TryFormat(text, out written, "0.0###########################", CultureInfo.InvariantCulture) =>
                raw.sqlite3_bind_text16(_statement, index, text[..written]),
            DateTime time when time.TryFormat(text, out written, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture) =>
                raw.sqlite3_bind_text16(_statement, index, text[..written]),
            double real => raw.sqlite3_bind_double(_statement, index, real),
            // EF Core's SQLite form of a Guid: upper-case text.
            Guid id => raw.sqlite3_bind_text16(_statement, index, id.ToString("D").ToUpperInvariant()),
            _ => throw new NotSupportedException($"BulkInsert cannot store a {value.GetType().Name}"),
        };
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>What is built once per entity type: the SQL and the columns (<see cref="EntityColumns"/>).</summary>
    private sealed record Plan(string Sql, Func<object, object?>[] Columns, Action<object, long> SetKey)
    {
        public static Plan For(IEntityType entityType)
        {
            var columns = EntityColumns.For(entityType);
            var sql = $"INSERT INTO \"{columns.Table.Name}\" ({string.Join(", ", columns.Names.Select(c => $"\"{c}\""))}) " +
                $"VALUES ({string.Join(", ", columns.Names.Select((_, i) => $"?{i + 1}"))})";
            return new Plan(sql, columns.Readers, columns.Generated ? columns.SetKey : static (_, _) => { });
        }
    }
}

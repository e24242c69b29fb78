using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Ecommerce.Shared.Persistence;

#pragma warning disable EF1001 // EF's SQLite connection, subclassed for one step; SqliteFunctionsTests pin the behaviour.

/// <summary>
/// The SQL functions EF Core's SQLite provider translates decimals to (<c>ef_compare</c>, <c>ef_sum</c>, the
/// <c>EF_DECIMAL</c> collation …), registered once on each physical connection instead of on every open. EF registers
/// them on its connection object, and Microsoft.Data.Sqlite then adds all twelve to the pooled native connection on
/// each open and removes them on each close: 24 native calls per open, and 28 of the 180 KiB the host allocated per
/// order (bench orders). The same functions, with EF's semantics: decimals read as Microsoft.Data.Sqlite reads
/// them and written as it writes them.
/// </summary>
internal static class SqliteFunctions
{
    private const int Deterministic = raw.SQLITE_UTF8 | raw.SQLITE_DETERMINISTIC;
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1); // as EF: the guard against catastrophic backtracking

    /// <summary>On a physical connection's first open (<see cref="SqlitePragmas"/>).</summary>
    public static void Register(sqlite3 db)
    {
        Scalar(db, "regexp", 2, args => Text(args[0]) is { } pattern && Text(args[1]) is { } input
            ? Regex.IsMatch(input, pattern, RegexOptions.None, RegexTimeout) ? 1L : 0L
            : null);
        Scalar(db, "ef_mod", 2, args => Decimal(args[1]) == 0m ? null : Decimal(args[0]) % Decimal(args[1]));
        Scalar(db, "ef_add", 2, args => Decimal(args[0]) + Decimal(args[1]));
        Scalar(db, "ef_divide", 2, args => Decimal(args[1]) == 0m ? null : Decimal(args[0]) / Decimal(args[1]));
        Scalar(db, "ef_compare", 2, args => Decimal(args[0]) is { } left && Decimal(args[1]) is { } right ? (long)decimal.Compare(left, right) : null);
        Scalar(db, "ef_multiply", 2, args => Decimal(args[0]) * Decimal(args[1]));
        Scalar(db, "ef_negate", 1, args => -Decimal(args[0]));
        Aggregate(db, "ef_sum", (sum, value) => sum + value, sum => sum);
        Aggregate(db, "ef_min", (min, value) => Math.Min(min, value), min => min);
        Aggregate(db, "ef_max", (max, value) => Math.Max(max, value), max => max);
        Average(db);
        raw.sqlite3_create_collation(db, "EF_DECIMAL", null, (_, left, right) => decimal.Compare(
            decimal.Parse(left, NumberStyles.Number, CultureInfo.InvariantCulture), decimal.Parse(right, NumberStyles.Number, CultureInfo.InvariantCulture)));
    }

    private static void Scalar(sqlite3 db, string name, int arity, Func<sqlite3_value[], object?> function) =>
        raw.sqlite3_create_function(db, name, arity, Deterministic, null, (context, _, args) => Return(context, () => function(args)));

    /// <summary>Over the non-null values; null when there were none (as EF's: SQL's SUM, MIN and MAX on decimals).</summary>
    private static void Aggregate(sqlite3 db, string name, Func<decimal, decimal, decimal> step, Func<decimal, decimal> final) =>
        raw.sqlite3_create_function(db, name, 1, Deterministic, null,
            (context, _, args) =>
            {
                if (Decimal(args[0]) is { } value) context.state = context.state is decimal so_far ? step(so_far, value) : value;
            },
            (context, _) => Return(context, () => context.state is decimal result ? final(result) : null));

    private static void Average(sqlite3 db) =>
        raw.sqlite3_create_function(db, "ef_avg", 1, Deterministic, null,
            (context, _, args) =>
            {
                if (Decimal(args[0]) is not { } value) return;
                var mean = context.state as Mean ?? new Mean();
                mean.Sum += value;
                mean.Count++;
                context.state = mean;
            },
            (context, _) => Return(context, () => context.state is Mean mean ? mean.Sum / mean.Count : null));

    private sealed class Mean
    {
        public decimal Sum { get; set; }
        public ulong Count { get; set; }
    }

    private static void Return(sqlite3_context context, Func<object?> result)
    {
        try
        {
            switch (result())
            {
                case null: raw.sqlite3_result_null(context); break;
                case long number: raw.sqlite3_result_int64(context, number); break;
                // As Microsoft.Data.Sqlite binds a decimal (and EF stores one): text, at least one decimal place.
                case decimal number: raw.sqlite3_result_text(context, number.ToString("0.0###########################", CultureInfo.InvariantCulture)); break;
            }
        }
        catch (Exception exception) when (exception is ArithmeticException or FormatException or RegexMatchTimeoutException or ArgumentException)
        {
            raw.sqlite3_result_error(context, exception.Message);
        }
    }

    private static string? Text(sqlite3_value value) =>
        raw.sqlite3_value_type(value) == raw.SQLITE_NULL ? null : raw.sqlite3_value_text(value).utf8_to_string();

    // As Microsoft.Data.Sqlite reads a decimal: the value's text, parsed invariantly.
    private static decimal? Decimal(sqlite3_value value) => Text(value) is { } text
        ? decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture)
        : null;
}

/// <summary>EF's SQLite connection without its per-open function registration (<see cref="SqliteFunctions"/> has them).</summary>
internal sealed class SqliteConnectionWithoutFunctions(
    RelationalConnectionDependencies dependencies, IRawSqlCommandBuilder rawSqlCommandBuilder, IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    protected override DbConnection CreateDbConnection() => new SqliteConnection(GetValidatedConnectionString());
}

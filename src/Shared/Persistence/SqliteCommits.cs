using System.Diagnostics.Metrics;
using Ecommerce.Shared.Hosting;
using SQLitePCL;

namespace Ecommerce.Shared.Persistence;

/// <summary>
/// Counts the write transactions SQLite commits, per database file (<c>ecommerce.db.commits</c>): SQLite has one writer
/// per file, so this is the figure that says how close a module is to its ceiling, and what the benchmark counts per
/// order. SQLite calls the hook only for transactions that wrote; the count includes every statement outside an
/// explicit transaction that wrote (each is its own transaction).
/// </summary>
internal static class SqliteCommits
{
    private static readonly Meter Meter = new(Telemetry.MeterPrefix + "Persistence");
    private static readonly Counter<long> Commits = Meter.CreateCounter<long>("ecommerce.db.commits", "{transaction}",
        "Write transactions committed, by SQLite database file");

    /// <summary>Once per physical connection: every commit on it counts for <paramref name="database"/>.</summary>
    public static void Count(sqlite3 connection, string database)
    {
        var tag = new KeyValuePair<string, object?>("database", database);
        raw.sqlite3_commit_hook(connection, _ =>
        {
            Commits.Add(1, tag);
            return 0; // 0: let the commit go ahead
        }, null);
    }
}

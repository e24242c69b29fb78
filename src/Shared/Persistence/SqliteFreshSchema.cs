using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ecommerce.Shared.Persistence;

/// <summary>
/// A fresh SQLite file gets its whole schema from the script its migrations generate (each module's
/// <c>Data/Scripts/Sqlite.sql</c>, embedded as <c>Schema.Sqlite.sql</c>; src/Modules/migration-scripts.sh writes it and a
/// unit test fails while it is out of date) in one transaction: the same tables, indexes and history rows as the
/// migrations applied one by one, without EF building each migration's target model to generate that SQL (the JIT of
/// its model building was most of the ~450 ms a test run's first order waited for the Orders database). A file that
/// already has a history is left to the migrations.
/// </summary>
internal static class SqliteFreshSchema
{
    public const string Resource = "Schema.Sqlite.sql";

    /// <summary>True when the file was fresh and now has the script's schema; false when it already had a history.</summary>
    public static async Task<bool> TryCreateAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // BEGIN IMMEDIATE: a second process starting on the same file waits here, then finds the history.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0) return false;
            command.CommandText = Script(db);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Script(DbContext db)
    {
        using var stream = db.GetType().Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{db.GetType().Assembly.GetName().Name} embeds no {Resource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

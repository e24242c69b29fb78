using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Ecommerce.Shared.Persistence;

/// <summary>
/// A few new rows of one entity type into PostgreSQL: one <c>INSERT … RETURNING</c> per row, all of them in one batch
/// (one round trip), with the statement's text fixed per entity type so that the connection prepares it on the server
/// once (<c>Max Auto Prepare</c>, <see cref="ModulePersistence.WithPostgresDefaults"/>). What SaveChanges does for these rows,
/// without its update pipeline, which built each statement anew and was 28 % of the host's CPU under the order chain.
/// The batch is atomic on its own (one implicit transaction) or runs in the caller's. A refused row (a unique index)
/// surfaces as DbUpdateException, as from SaveChanges; values are those COPY writes (<see cref="EntityColumns"/>).
/// </summary>
internal static class PostgresInsertBatch
{
    private static readonly ConcurrentDictionary<IEntityType, string> Statements = new();

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> entities, IEntityType entityType, CancellationToken cancellationToken)
        where T : class
    {
        var columns = EntityColumns.For(entityType);
        var sql = Statements.GetOrAdd(entityType, Statement);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
            foreach (var entity in entities)
            {
                var row = new NpgsqlBatchCommand(sql);
                // Typed as the columns are, as EF types them: a time that is not UTC is refused, not shifted by the server's zone.
                for (var i = 0; i < columns.Readers.Length; i++)
                    row.Parameters.Add(new NpgsqlParameter { DataTypeName = columns.StoreTypes[i], Value = columns.Readers[i](entity) ?? DBNull.Value });
                batch.BatchCommands.Add(row);
            }
            await using var keys = await batch.ExecuteReaderAsync(cancellationToken);
            if (!columns.Generated) return;
            foreach (var entity in entities)
            {
                if (!await keys.ReadAsync(cancellationToken)) throw new InvalidOperationException("INSERT … RETURNING gave no key");
                columns.SetKey(entity, Convert.ToInt64(keys.GetValue(0), CultureInfo.InvariantCulture));
                await keys.NextResultAsync(cancellationToken);
            }
        }
        catch (PostgresException exception)
        {
            throw new DbUpdateException($"Insert into {columns.PostgresTable} failed: {exception.MessageText}", exception);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Statement(IEntityType entityType)
    {
        var columns = EntityColumns.For(entityType);
        var names = string.Join(", ", columns.Names.Select(n => $"\"{n}\""));
        var values = string.Join(", ", columns.Names.Select((_, i) => $"${i + 1}"));
        var returning = columns.Generated ? $" RETURNING \"{entityType.FindPrimaryKey()!.Properties.Single().GetColumnName(columns.Table)}\"" : "";
        return $"INSERT INTO {columns.PostgresTable} ({names}) VALUES ({values}){returning}";
    }
}

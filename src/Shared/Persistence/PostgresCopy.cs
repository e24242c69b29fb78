using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Ecommerce.Shared.Persistence;

/// <summary>
/// Many new rows of one entity type into PostgreSQL by binary COPY, in the caller's transaction (or one of its own).
/// A generated key is taken from the column's own sequence first (one round trip for all rows) and written to the
/// entities and the rows, so the ids are exactly those the database would have given. A refused row (a unique index)
/// fails the COPY and surfaces as DbUpdateException, as from SaveChanges.
/// </summary>
internal static class PostgresCopy
{
    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> entities, IEntityType entityType, CancellationToken cancellationToken)
        where T : class
    {
        var columns = EntityColumns.For(entityType);
        var table = columns.PostgresTable;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var names = columns.Names;
            if (columns.Generated)
            {
                var key = entityType.FindPrimaryKey()!.Properties.Single().GetColumnName(columns.Table)!;
                await using var next = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence(@table, @key)) FROM generate_series(1, @count)", connection)
                {
                    Parameters = { new("table", table), new("key", key), new("count", entities.Count) },
                };
                await using (var ids = await next.ExecuteReaderAsync(cancellationToken))
                    for (var i = 0; await ids.ReadAsync(cancellationToken); i++) columns.SetKey(entities[i], ids.GetInt64(0));
                names = [key, .. names];
            }
            var copy = $"COPY {table} ({string.Join(", ", names.Select(n => $"\"{n}\""))}) FROM STDIN (FORMAT BINARY)";
            await using (var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken))
            {
                var keyReader = columns.Generated ? KeyReader(entityType) : null;
                foreach (var entity in entities)
                {
                    await importer.StartRowAsync(cancellationToken);
                    if (keyReader is not null) await importer.WriteAsync(keyReader(entity), cancellationToken);
                    foreach (var read in columns.Readers)
                    {
                        if (read(entity) is { } value) await importer.WriteAsync(value, cancellationToken);
                        else await importer.WriteNullAsync(cancellationToken);
                    }
                }
                await importer.CompleteAsync(cancellationToken);
            }
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException exception)
        {
            throw new DbUpdateException($"Bulk insert into {table} failed: {exception.MessageText}", exception);
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Func<object, object> KeyReader(IEntityType entityType)
    {
        var key = entityType.FindPrimaryKey()!.Properties.Single().PropertyInfo!;
        return entity => key.GetValue(entity)!;
    }
}

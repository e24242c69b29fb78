using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ecommerce.Shared.Persistence;

/// <summary>
/// Inserts many new rows of one entity type and writes their generated keys back: what SaveChanges does, for imports
/// of thousands. On SQLite, SaveChanges prepares one statement per row; here one prepared INSERT … RETURNING is bound
/// and stepped per row, with EF's own column names and type mappings, so the rows read back exactly as EF wrote them.
/// Other providers batch well on their own and use SaveChanges. Scalar properties only: callers insert children after
/// their parents. Runs in the caller's transaction, or in one of its own. A refused row surfaces as DbUpdateException.
/// </summary>
public static class BulkInsert
{
    public static async Task InsertAllAsync<T>(this DbContext db, IReadOnlyList<T> entities, CancellationToken cancellationToken = default)
        where T : class
    {
        if (entities.Count == 0) return;
        if (db.Database.IsSqlite()) await InsertPreparedAsync(db, entities, cancellationToken);
        else await InsertWithSaveChangesAsync(db, entities, cancellationToken);
    }

    /// <summary>
    /// Exactly these entities, not what they reference: Add would also insert reachable children (an order's items),
    /// which callers insert themselves, so each entity is marked Added alone and change detection stays off.
    /// </summary>
    internal static async Task InsertWithSaveChangesAsync<T>(DbContext db, IReadOnlyList<T> entities, CancellationToken cancellationToken)
        where T : class
    {
        var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entity in entities) db.Entry(entity).State = EntityState.Added;
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
        }
    }

    internal static async Task InsertPreparedAsync<T>(DbContext db, IReadOnlyList<T> entities, CancellationToken cancellationToken)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var columns = entityType.GetProperties().Where(p => p != key).ToList();

        await db.Database.OpenConnectionAsync(cancellationToken);
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText =
                $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.GetColumnName(table)}\""))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))}) RETURNING \"{key.GetColumnName(table)}\"";
            var setKey = key.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}'s key has no property");
            foreach (var entity in entities)
            {
                command.Parameters.Clear();
                for (var i = 0; i < columns.Count; i++)
                    command.Parameters.Add(Parameter(command, $"@p{i}", columns[i], columns[i].PropertyInfo!.GetValue(entity)));
                var id = await command.ExecuteScalarAsync(cancellationToken);
                setKey.SetValue(entity, Convert.ChangeType(id, key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
            }
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
        }
        catch (DbException exception)
        {
            throw new DbUpdateException($"Bulk insert into {table.Name} failed: {exception.Message}", exception);
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    // The mapping applies its own value converter and provider settings, exactly as for SaveChanges.
    private static DbParameter Parameter(DbCommand command, string name, IProperty property, object? value) =>
        ((RelationalTypeMapping)property.GetRelationalTypeMapping()).CreateParameter(command, name, value, property.IsNullable);
}

using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ecommerce.Shared.Persistence;

/// <summary>
/// How BulkInsert's direct paths (SQLite's prepared statement, PostgreSQL's COPY) see an entity type, built once per type:
/// its table, its columns in order with their store types and a compiled reader each (through EF's value converter, so
/// values are stored as EF would store them), and the writer of a generated key (the key is a column only when the entity brings it). Types
/// the paths do not know are refused here, never stored in another form.
/// </summary>
internal sealed record EntityColumns(
    StoreObjectIdentifier Table, string[] Names, string[] StoreTypes, Func<object, object?>[] Readers, bool Generated, Action<object, long> SetKey)
{
    private static readonly ConcurrentDictionary<IEntityType, EntityColumns> Known = new();
    private static readonly Type[] Supported = [typeof(string), typeof(int), typeof(long), typeof(bool), typeof(decimal), typeof(DateTime), typeof(double), typeof(Guid)];

    public static EntityColumns For(IEntityType entityType) => Known.GetOrAdd(entityType, Build);

    /// <summary>The table as PostgreSQL names it: <c>"schema"."table"</c>.</summary>
    public string PostgresTable => Table.Schema is null ? $"\"{Table.Name}\"" : $"\"{Table.Schema}\".\"{Table.Name}\"";

    private static EntityColumns Build(IEntityType entityType)
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var generated = key.ValueGenerated != ValueGenerated.Never;
        var columns = entityType.GetProperties().Where(p => p != key || !generated).ToList();
        return new EntityColumns(table, columns.Select(c => c.GetColumnName(table)!).ToArray(),
            columns.Select(c => ((RelationalTypeMapping)c.GetRelationalTypeMapping()).StoreTypeNameBase).ToArray(), columns.Select(Reader).ToArray(),
            generated, KeyWriter(key));
    }

    private static Func<object, object?> Reader(IProperty property)
    {
        var converter = ((RelationalTypeMapping)property.GetRelationalTypeMapping()).Converter;
        var stored = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? property.ClrType) ?? converter?.ProviderClrType ?? property.ClrType;
        if (!Supported.Contains(stored))
            throw new NotSupportedException($"BulkInsert cannot store {property.DeclaringType.DisplayName()}.{property.Name} ({stored.Name})");
        var entity = Expression.Parameter(typeof(object));
        var read = Expression.Lambda<Func<object, object?>>(Expression.Convert(
            Expression.Property(Expression.Convert(entity, property.DeclaringType.ClrType), property.PropertyInfo!), typeof(object)), entity).Compile();
        return converter is null ? read : e => read(e) is { } value ? converter.ConvertToProvider(value) : null;
    }

    private static Action<object, long> KeyWriter(IProperty key)
    {
        var entity = Expression.Parameter(typeof(object));
        var id = Expression.Parameter(typeof(long));
        return Expression.Lambda<Action<object, long>>(Expression.Assign(
            Expression.Property(Expression.Convert(entity, key.DeclaringType.ClrType), key.PropertyInfo!),
            Expression.Convert(id, key.ClrType)), entity, id).Compile();
    }
}

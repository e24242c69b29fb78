using System.Data.Common;
using System.Globalization;
using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ecommerce.Shared.Testing;

/// <summary>
/// Empties every table of a module's model (its outbox and idempotency keys included; never the migrations history) and
/// restarts its ids at 1, in one statement or one transaction: PostgreSQL <c>TRUNCATE … RESTART IDENTITY</c>, which waits
/// for the transactions in flight; SQLite deletes (dependents first) and forgets the AUTOINCREMENT counters; SQL Server
/// deletes and reseeds the identity of the tables that used one.
/// </summary>
internal sealed class DatabaseReset<TContext>(TContext db, string module) : IModuleReset where TContext : DbContext
{
    public string Module => module;

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        var tables = TablesDependentsFirst(db.Model);
        if (tables.Count == 0) return;
        var provider = db.ProviderOf();
        if (provider == DatabaseProvider.Postgres)
        {
            await ExecuteAsync($"TRUNCATE TABLE {string.Join(", ", tables.Select(t => Quoted(t, '"', '"')))} RESTART IDENTITY CASCADE", cancellationToken);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (provider == DatabaseProvider.Sqlite)
        {
            foreach (var table in tables) await ExecuteAsync($"DELETE FROM {Quoted(table, '"', '"')}", cancellationToken);
            if (await ExistsAsync("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'", cancellationToken))
                await ExecuteAsync(
                    $"DELETE FROM sqlite_sequence WHERE name IN ({string.Join(", ", tables.Select(t => $"'{t.Name}'"))})", cancellationToken);
        }
        else
        {
            foreach (var table in tables) await ExecuteAsync($"DELETE FROM {Quoted(table, '[', ']')}", cancellationToken);
            foreach (var table in tables)
            {
                var name = Quoted(table, '[', ']');
                // Only a table whose identity was used: reseeding a fresh one to 0 would make its first id 0.
                await ExecuteAsync(
                    $"IF EXISTS (SELECT 1 FROM sys.identity_columns WHERE object_id = OBJECT_ID(N'{name}') AND last_value IS NOT NULL) DBCC CHECKIDENT (N'{name}', RESEED, 0)",
                    cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The statements name tables from the module's own model, never anything a request sent.</summary>
    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken) => db.Database.ExecuteSqlRawAsync(sql, cancellationToken);

    private async Task<bool> ExistsAsync(string countSql, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = countSql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private static string Quoted((string? Schema, string Name) table, char open, char close) =>
        table.Schema is null ? $"{open}{table.Name}{close}" : $"{open}{table.Schema}{close}.{open}{table.Name}{close}";

    /// <summary>The model's tables, each after every table that references it (a delete never breaks a foreign key).</summary>
    internal static List<(string? Schema, string Name)> TablesDependentsFirst(IModel model)
    {
        var entities = model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.GetViewName() is null).ToList();
        (string?, string) TableOf(IEntityType e) => (e.GetSchema(), e.GetTableName()!);
        var referencedBy = entities.Select(TableOf).Distinct().ToDictionary(t => t, _ => new HashSet<(string?, string)>());
        foreach (var entity in entities)
        foreach (var key in entity.GetForeignKeys())
            if (TableOf(key.PrincipalEntityType) != TableOf(entity) && referencedBy.TryGetValue(TableOf(key.PrincipalEntityType), out var dependents))
                dependents.Add(TableOf(entity));
        var ordered = new List<(string?, string)>();
        while (ordered.Count < referencedBy.Count)
        {
            var next = referencedBy.Keys.Where(t => !ordered.Contains(t) && referencedBy[t].All(ordered.Contains)).ToList();
            if (next.Count == 0) throw new InvalidOperationException("The model's foreign keys form a cycle");
            ordered.AddRange(next.OrderBy(t => t.Item2, StringComparer.Ordinal));
        }
        return ordered;
    }
}

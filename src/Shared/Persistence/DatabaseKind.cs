using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Ecommerce.Shared.Persistence;

public enum DatabaseKind { Sqlite, Postgres, SqlServer, Other }

/// <summary>
/// Which database a context runs on, worked out once per model. EF's <c>Database.ProviderName</c> reads its provider
/// assembly's name on every call (1 % of the host's CPU when BulkInsert asked it per insert), and <c>IsNpgsql()</c> and
/// the like would load every provider's assembly into a process that uses one.
/// </summary>
public static class DatabaseKinds
{
    private static readonly ConditionalWeakTable<IModel, StrongBox<DatabaseKind>> Known = [];

    public static DatabaseKind KindOf(this DbContext db)
    {
        var model = db.Model;
        if (Known.TryGetValue(model, out var known)) return known.Value;
        var kind = db.Database.ProviderName switch
        {
            "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseKind.Sqlite,
            "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseKind.Postgres,
            "Microsoft.EntityFrameworkCore.SqlServer" => DatabaseKind.SqlServer,
            _ => DatabaseKind.Other,
        };
        Known.AddOrUpdate(model, new StrongBox<DatabaseKind>(kind));
        return kind;
    }
}

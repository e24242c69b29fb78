using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Ecommerce.Shared.Persistence;

/// <summary>
/// Which of our providers a context runs on, worked out once per model. EF's <c>Database.ProviderName</c> reads its
/// provider assembly's name on every call (1 % of the host's CPU when BulkInsert asked it per insert), and
/// <c>IsNpgsql()</c> and the like would load every provider's assembly into a process that uses one.
/// </summary>
public static class DatabaseProviders
{
    private static readonly ConditionalWeakTable<IModel, StrongBox<DatabaseProvider?>> Known = [];

    /// <summary>The provider, or null for one the host does not configure (EF's in-memory one, say).</summary>
    public static DatabaseProvider? ProviderOf(this DbContext db)
    {
        var model = db.Model;
        if (Known.TryGetValue(model, out var known)) return known.Value;
        DatabaseProvider? provider = db.Database.ProviderName switch
        {
            "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseProvider.Sqlite,
            "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.Postgres,
            "Microsoft.EntityFrameworkCore.SqlServer" => DatabaseProvider.SqlServer,
            _ => null,
        };
        Known.AddOrUpdate(model, new StrongBox<DatabaseProvider?>(provider));
        return provider;
    }
}

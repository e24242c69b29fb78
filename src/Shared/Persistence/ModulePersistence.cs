using System.Data.Common;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Security;
using Ecommerce.Shared.Testing;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ecommerce.Shared.Persistence;

/// <summary>
/// Registers a module's DbContext on the configured provider. Each provider has its own context subclass so each
/// keeps its own migrations (EF migrations are provider-specific); the module code only sees <c>TContext</c>.
/// </summary>
public static class ModulePersistence
{
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TSqlServer, TPostgres>(
        this IServiceCollection services, IConfiguration configuration, string module, string schema)
        where TContext : DbContext where TSqlite : TContext where TSqlServer : TContext where TPostgres : TContext
    {
        var settings = configuration.ReadModuleOptions<DatabaseSettings>(DatabaseSettings.Section);
        services.AddReadinessCheck(module, "database", sp => new DatabaseReadyCheck<TContext>(sp.GetRequiredService<TContext>(), sp.GetRequiredService<ModuleDatabases>().Ready(module)));
        services.AddScoped<IModuleReset>(sp => new DatabaseReset<TContext>(sp.GetRequiredService<TContext>(), module));
        var connectionString = settings.Kind == DatabaseProvider.Sqlite
            ? settings.SqliteConnectionString(module)
            : Readable(settings.Kind, module, settings.ServerConnectionString(configuration, module));
        return settings.Kind switch
        {
            DatabaseProvider.Sqlite => Add<TContext, TSqlite>(services, DatabaseProvider.Sqlite, connectionString, schema),
            DatabaseProvider.SqlServer => Add<TContext, TSqlServer>(services, DatabaseProvider.SqlServer, connectionString, schema),
            _ => Add<TContext, TPostgres>(services, DatabaseProvider.Postgres, connectionString, schema),
        };
    }

    /// <summary>
    /// A server connection string as its provider reads it, checked while the host is built: a keyword the provider does not
    /// know (<c>Max Pool Size</c> is SQL Server's; Npgsql's is <c>Maximum Pool Size</c>) stops the start naming the setting,
    /// instead of failing the migration once the ports listen. The provider's message names the keyword, never a value.
    /// </summary>
    private static string Readable(DatabaseProvider provider, string module, string connectionString)
    {
        try
        {
            _ = provider == DatabaseProvider.SqlServer ? ReadSqlServer(connectionString) : ReadPostgres(connectionString);
            return connectionString;
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"ConnectionStrings:{module} is not a {provider} connection string: {exception.Message}", exception);
        }
    }

    // One method per provider, as in UseProvider: only the configured provider's assembly is loaded.
    private static object ReadSqlServer(string connectionString) => new SqlConnectionStringBuilder(connectionString);

    private static object ReadPostgres(string connectionString) => new NpgsqlConnectionStringBuilder(WithPostgresDefaults(connectionString));

    private static IServiceCollection Add<TContext, TProvider>(IServiceCollection services, DatabaseProvider provider, string connectionString, string schema)
        where TContext : DbContext where TProvider : TContext
    {
        services.AddDbContextPool<TProvider>(options => UseProvider(options, provider, connectionString, schema));
        return services.AddScoped<TContext>(sp =>
        {
            var db = sp.GetRequiredService<TProvider>();
            // A SaveChanges inside our own transaction needs no savepoint of its own: a refused write rolls the whole
            // transaction back. EF's default adds SAVEPOINT and RELEASE round trips to each one (on PostgreSQL, two
            // more statements per insert of the order chain). Pooled: set for every scope.
            db.Database.AutoSavepointsEnabled = false;
            if (db is IAudited audited)
            {
                // Pooled: a context serves many scopes, so each is told whose work it now writes.
                audited.Actor = sp.GetRequiredService<Actor>();
                audited.AuditSettings = sp.GetRequiredService<IOptions<AuditSettings>>().Value;
            }
            return db;
        });
    }

    /// <summary>How a module's context talks to its provider: the one place, for the host and for the migration scripts' check.</summary>
    public static DbContextOptionsBuilder UseProvider(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, string schema)
    {
        // One method per provider: only the configured provider's EF assembly is loaded into the process.
        _ = provider switch
        {
            DatabaseProvider.Sqlite => UseSqlite(options, connectionString),
            DatabaseProvider.SqlServer => UseSqlServer(options, connectionString, schema),
            _ => UsePostgres(options, connectionString, schema),
        };
        // No thread-safety checks: a context serves one request's flow at a time (pooled, one per scope), and EF's check
        // writes an AsyncLocal on entering and leaving every query and save (~730 bytes per order of a bulk import).
        return options.ConfigureWarnings(QuietExpectedFailures).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .EnableThreadSafetyChecks(false);
    }

    // A list in a query (ids.Contains(x)) as one JSON parameter: EF 10's default, one parameter per element,
    // costs Microsoft.Data.Sqlite a name lookup per parameter per row (~80 ms for a 1,000-id chunk). EF's decimal SQL
    // functions come from SqliteFunctions, once per physical connection, not from EF's connection on every open.
#pragma warning disable EF1001 // the connection service EF exposes only as internal API; SqliteFunctionsTests pin it
    private static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString) => options
        .UseSqlite(connectionString, sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
        .AddInterceptors(SqlitePragmas.Instance, SqliteWriteGate.Instance)
        .ReplaceService<ISqliteRelationalConnection, SqliteConnectionWithoutFunctions>();
#pragma warning restore EF1001

    // On a server database the migrations history lives in the module's own schema, beside its tables.
    private static DbContextOptionsBuilder UseSqlServer(DbContextOptionsBuilder options, string connectionString, string schema) =>
        options.UseSqlServer(connectionString, sql => sql.MigrationsHistoryTable("__EFMigrationsHistory", schema));

    private static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder options, string connectionString, string schema) =>
        options.UseNpgsql(WithPostgresDefaults(connectionString), npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", schema));

    /// <summary>
    /// What a PostgreSQL connection string gets unless it says otherwise. <c>Max Auto Prepare=20</c>: Npgsql prepares a
    /// statement on the server once it has run twice on a connection; the chain's statements are few and repeated, and this
    /// measured 28 % more orders a second. <c>No Reset On Close=true</c>: a pooled connection goes back without Npgsql's
    /// reset, which (because prepared statements must survive it) is seven statements the server runs at the next use,
    /// about 7.5 times per order; nothing here leaves session state behind (no SET, temp tables, LISTEN or cursors; the
    /// migrations' advisory lock is released in a finally). Measured, two A/Bs of two pairs: 674 and 641 orders/s against
    /// 544 and 522, then 519 and 481 against 489 and 446; the server's CPU per order 15–25 % lower (1.28–1.81 ms against
    /// 1.71–2.13). Npgsql leaves both off by default for poolers in transaction mode (PgBouncer before 1.21 keeps no prepared
    /// statements): there, <c>Max Auto Prepare=0</c> in the connection string.
    /// </summary>
    internal static string WithPostgresDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(Compact).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = PostgresDefaults.Where(setting => !given.Contains(Compact(setting.Key)))
            .Select(setting => $"{setting.Key}={setting.Value}").ToList();
        return missing.Count == 0 ? connectionString : string.Join(';', [connectionString.TrimEnd(';'), .. missing]);
    }

    private static readonly (string Key, string Value)[] PostgresDefaults = [("Max Auto Prepare", "20"), ("No Reset On Close", "true")];

    private static string Compact(string key) => key.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>
    /// A refused write (a unique index deciding a race) is an answer, not an incident: EF's own error lines are lowered,
    /// and a real failure is still logged once, with its exception, by the 500 handler.
    /// </summary>
    private static void QuietExpectedFailures(WarningsConfigurationBuilder warnings) => warnings.Log(
        (CoreEventId.SaveChangesFailed, LogLevel.Debug),
        (RelationalEventId.CommandError, LogLevel.Debug)).Ignore(RelationalEventId.PendingModelChangesWarning);

    /// <summary>On a server database every module lives in one database, in its own schema; SQLite has a file per module.</summary>
    public static ModelBuilder HasModuleSchema(this ModelBuilder model, DbContext db, string schema) =>
        db.Database.IsSqlite() ? model : model.HasDefaultSchema(schema);

    /// <summary>
    /// Starts creating or upgrading the module's schema in the background (see <see cref="ModuleDatabases"/>); idempotent
    /// across restarts; nothing when the module runs elsewhere.
    /// </summary>
    public static void MigrateModuleDatabase<TContext>(this IApplicationBuilder app, string module) where TContext : DbContext =>
        app.ApplicationServices.GetRequiredService<ModuleDatabases>().Start<TContext>(module);
}

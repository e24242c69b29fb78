using Ecommerce.Notifications.Data;
using Ecommerce.Orders.Data;
using Ecommerce.Payments.Data;
using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ecommerce.UnitTests.Shared;

/// <summary>
/// Every model change has its migration, on every provider (start-up does not check this: EF's pending-changes check runs
/// its model differ, megabytes of code and memory in every process, so the build does); and the migration scripts in the
/// repository (src/Modules/*/Data/Scripts: idempotent ones for DBAs who apply schema changes themselves, SQLite's for a
/// fresh file) are exactly what the migrations generate. No database is opened.
/// </summary>
public sealed class MigrationsTests
{
    private static readonly string[] Modules = ["Orders", "Payments", "Notifications"];

    private static IEnumerable<TestCaseData> AllContexts() =>
        from module in Modules
        from provider in Enum.GetValues<DatabaseProvider>()
        select new TestCaseData(module, provider).SetName($"{module}, {provider}");

    [TestCaseSource(nameof(AllContexts))]
    public void Given_the_model_Then_its_migrations_are_complete(string module, DatabaseProvider provider)
    {
        using var db = Context(module, provider);
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, $"run dotnet ef migrations add for {module} on {provider} (docs/configuration.md)");
    }

    /// <summary>
    /// The embedded default's models are compiled (src/Modules/*/Data/CompiledModels: the host then skips model building,
    /// most of its first order's start-up); the compiled one must be what the configuration builds today.
    /// </summary>
    [TestCase("Orders")]
    [TestCase("Payments")]
    [TestCase("Notifications")]
    public void Given_the_sqlite_model_Then_the_compiled_one_matches_the_configuration(string module)
    {
        using var db = Context(module, DatabaseProvider.Sqlite);
        var compiled = db.Model;
        var configured = db.GetService<IDesignTimeModel>().Model;
        Assert.That(compiled.GetType().Namespace, Is.EqualTo($"Ecommerce.{module}.Data.CompiledModels"), "the compiled model is the one in use");
        Assert.That(Described(compiled), Is.EqualTo(Described(configured)), $"the {module} model changed: run src/Modules/compiled-models.sh");
    }

    /// <summary>What the database and the mapping see of a model, read through what a compiled (read-optimized) model keeps.</summary>
    private static List<string> Described(IModel model) =>
    [
        .. from entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal)
           from line in new[] { $"{entity.Name} -> {entity.GetSchema()}.{entity.GetTableName()}" }
               .Concat(entity.GetProperties().Select(p => $"  {p.Name} {p.ClrType.Name} column={p.GetColumnName()} nullable={p.IsNullable} " +
                   $"max={p.GetMaxLength()} precision={p.GetPrecision()},{p.GetScale()} generated={p.ValueGenerated} " +
                   $"converter={p.GetValueConverter()?.GetType().Name} concurrency={p.IsConcurrencyToken}"))
               .Concat(entity.GetKeys().Select(k => $"  key {Names(k.Properties)} primary={k.IsPrimaryKey()}"))
               .Concat(entity.GetIndexes().Select(i => $"  index {i.GetDatabaseName()} {Names(i.Properties)} unique={i.IsUnique}"))
               .Concat(entity.GetForeignKeys().Select(f => $"  foreign key {Names(f.Properties)} -> {f.PrincipalEntityType.Name} {Names(f.PrincipalKey.Properties)} on delete {f.DeleteBehavior}"))
           select line,
    ];

    private static string Names(IEnumerable<IReadOnlyProperty> properties) => "(" + string.Join(",", properties.Select(p => p.Name)) + ")";

    /// <summary>
    /// The server providers' scripts are idempotent; SQLite's (EF cannot write idempotent ones for it) is the whole schema
    /// from nothing, which the host runs on a fresh file (SqliteFreshSchema).
    /// </summary>
    [TestCaseSource(nameof(AllContexts))]
    public void Given_the_migrations_Then_the_committed_script_is_what_they_generate(string module, DatabaseProvider provider)
    {
        using var db = Context(module, provider);
        var generated = db.GetService<IMigrator>().GenerateScript(options: provider == DatabaseProvider.Sqlite
            ? MigrationsSqlGenerationOptions.NoTransactions
            : MigrationsSqlGenerationOptions.Idempotent);
        var file = Path.Combine(RepositoryRoot(), "src", "Modules", module, "Data", "Scripts", $"{provider}.sql");
        Assert.That(File.Exists(file), Is.True, $"{file} is missing: run src/Modules/migration-scripts.sh");
        Assert.That(Normalized(File.ReadAllText(file)), Is.EqualTo(Normalized(generated)),
            $"{file} is out of date with the {module} migrations: run src/Modules/migration-scripts.sh");
    }

    /// <summary>The module's context on the provider, configured exactly as the host configures it.</summary>
    private static DbContext Context(string module, DatabaseProvider provider)
    {
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=:memory:",
            DatabaseProvider.SqlServer => "Server=none;Database=none",
            _ => "Host=none;Database=none",
        };
        DbContextOptions<T> Options<T>(string schema) where T : DbContext =>
            (DbContextOptions<T>)ModulePersistence.UseProvider(new DbContextOptionsBuilder<T>(), provider, connectionString, schema).Options;
        return (module, provider) switch
        {
            ("Orders", DatabaseProvider.Sqlite) => new SqliteOrdersDbContext(Options<SqliteOrdersDbContext>(OrdersDbContext.Schema)),
            ("Orders", DatabaseProvider.SqlServer) => new SqlServerOrdersDbContext(Options<SqlServerOrdersDbContext>(OrdersDbContext.Schema)),
            ("Orders", _) => new PostgresOrdersDbContext(Options<PostgresOrdersDbContext>(OrdersDbContext.Schema)),
            ("Payments", DatabaseProvider.Sqlite) => new SqlitePaymentsDbContext(Options<SqlitePaymentsDbContext>(PaymentsDbContext.Schema)),
            ("Payments", DatabaseProvider.SqlServer) => new SqlServerPaymentsDbContext(Options<SqlServerPaymentsDbContext>(PaymentsDbContext.Schema)),
            ("Payments", _) => new PostgresPaymentsDbContext(Options<PostgresPaymentsDbContext>(PaymentsDbContext.Schema)),
            ("Notifications", DatabaseProvider.Sqlite) => new SqliteNotificationsDbContext(Options<SqliteNotificationsDbContext>(NotificationsDbContext.Schema)),
            ("Notifications", DatabaseProvider.SqlServer) => new SqlServerNotificationsDbContext(Options<SqlServerNotificationsDbContext>(NotificationsDbContext.Schema)),
            _ => new PostgresNotificationsDbContext(Options<PostgresNotificationsDbContext>(NotificationsDbContext.Schema)),
        };
    }

    /// <summary>The file as dotnet ef writes it (a BOM, the platform's line ends), compared as text.</summary>
    private static string Normalized(string script) => script.TrimStart('\uFEFF').ReplaceLineEndings("\n").Trim();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Ecommerce.sln"))) return directory.FullName;
        throw new DirectoryNotFoundException("Ecommerce.sln not found above the test directory");
    }
}

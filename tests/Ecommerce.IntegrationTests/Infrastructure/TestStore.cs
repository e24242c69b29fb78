namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>
/// Where a test host keeps its data. A store is named by its directory: on SQLite the module files go there; on
/// PostgreSQL or SQL Server (<c>Database:Provider</c> in the settings, no connection strings given) a database named
/// after it is created on the run's server, so a restart on the same directory finds the same data on every provider.
/// A provider that cannot run here skips the test with the reason (no PostgreSQL binaries, no Docker engine).
/// </summary>
public static class TestStore
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public const string SqlServer = "SqlServer";

    /// <summary>The settings that point a host at <paramref name="directory"/>'s store, given the test's own settings.</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync(string directory, IReadOnlyDictionary<string, string?> settings)
    {
        var store = new Dictionary<string, string?> { ["Database:SqliteDirectory"] = directory };
        if (settings.ContainsKey("ConnectionStrings:Orders")) return store;
        var provider = settings.GetValueOrDefault("Database:Provider");
        if (provider is not (Postgres or SqlServer)) return store;
        await RequireProviderAsync(provider);
        var connectionString = provider == Postgres
            ? await (await PostgresServer.RunningAsync()).DatabaseAsync(directory)
            : await SqlServerContainer.DatabaseAsync(directory);
        foreach (var module in new[] { "Orders", "Payments", "Notifications" }) store[$"ConnectionStrings:{module}"] = connectionString;
        return store;
    }

    /// <summary>The host in its own process (see <see cref="HostProcess"/>) on <paramref name="directory"/>'s store.</summary>
    public static async Task<HostProcess> StartProcessAsync(string directory, IReadOnlyDictionary<string, string>? settings = null)
    {
        settings ??= new Dictionary<string, string>();
        var all = new Dictionary<string, string>();
        foreach (var (key, value) in await SettingsAsync(directory, settings.ToDictionary(s => s.Key, s => (string?)s.Value)))
            if (value is not null) all[key] = value;
        foreach (var (key, value) in settings) all[key] = value;
        return await HostProcess.StartAsync(typeof(Program).Assembly.Location, all, directory);
    }

    /// <summary>A database name for a store: the same store, the same database.</summary>
    public static string DatabaseName(string store) =>
        "store_" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(store)))[..24].ToLowerInvariant();

    /// <summary>The settings with <c>Database:Provider</c> set to <paramref name="provider"/>.</summary>
    public static Dictionary<string, string?> On(string provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Database:Provider"] = provider };
        return all;
    }

    /// <summary>Skips the test, with the reason, when <paramref name="provider"/> cannot run here.</summary>
    public static async Task RequireProviderAsync(string provider)
    {
        if (provider == Postgres && PostgresServer.Unavailable is { } reason) Assert.Ignore(reason);
        if (provider == SqlServer && !await DockerEngine.IsAvailableAsync()) Assert.Ignore("Docker is not available");
    }
}

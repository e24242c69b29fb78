namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>
/// Where a test host keeps its data. A store is named by its directory: on SQLite the module files go there; on
/// PostgreSQL (<c>Database:Provider=Postgres</c> in the settings, no connection strings given) a database named after it
/// is created on the run's server, so a restart on the same directory finds the same data on either provider.
/// </summary>
public static class TestStore
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>The settings that point a host at <paramref name="directory"/>'s store, given the test's own settings.</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync(string directory, IReadOnlyDictionary<string, string?> settings)
    {
        var store = new Dictionary<string, string?> { ["Database:SqliteDirectory"] = directory };
        if (settings.GetValueOrDefault("Database:Provider") != Postgres || settings.ContainsKey("ConnectionStrings:Orders")) return store;
        if (PostgresServer.Unavailable is { } reason) Assert.Ignore(reason);
        var connectionString = await (await PostgresServer.RunningAsync()).DatabaseAsync(directory);
        foreach (var module in new[] { "Orders", "Payments", "Notifications" }) store[$"ConnectionStrings:{module}"] = connectionString;
        return store;
    }

    /// <summary>The settings with <c>Database:Provider</c> set to <paramref name="provider"/>.</summary>
    public static Dictionary<string, string?> On(string provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Database:Provider"] = provider };
        return all;
    }

    /// <summary>Skips the test, with the reason, when <paramref name="provider"/> cannot run here.</summary>
    public static void RequireProvider(string provider)
    {
        if (provider == Postgres && PostgresServer.Unavailable is { } reason) Assert.Ignore(reason);
    }
}

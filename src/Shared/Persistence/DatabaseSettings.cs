namespace Ecommerce.Shared.Persistence;

public enum DatabaseProvider { Sqlite, SqlServer }

/// <summary>
/// <c>Database:Provider</c> = Sqlite (default: one file per module in <c>Database:SqliteDirectory</c>, default <c>data/</c>)
/// or SqlServer (<c>ConnectionStrings:{Module}</c>). A bad value stops start-up with a message naming the setting.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string SqliteDirectory)
{
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var raw = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(raw, ignoreCase: true, out var provider) || int.TryParse(raw, out _))
            throw new InvalidOperationException(
                $"Database:Provider '{raw}' is not supported; use '{nameof(DatabaseProvider.Sqlite)}' or '{nameof(DatabaseProvider.SqlServer)}'.");
        return new DatabaseSettings(provider, configuration["Database:SqliteDirectory"] ?? "data");
    }

    public string SqliteConnectionString(string module)
    {
        var directory = Path.GetFullPath(SqliteDirectory);
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, module.ToLowerInvariant() + ".db")};Pooling=True;Default Timeout=30";
    }

    public static string SqlServerConnectionString(IConfiguration configuration, string module) =>
        configuration.GetConnectionString(module) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"Database:Provider is SqlServer but ConnectionStrings:{module} is not set.");
}

using System.Globalization;
namespace Ecommerce.Shared.Persistence;

public enum DatabaseProvider { Sqlite, SqlServer, Postgres }

/// <summary>
/// <c>Database:Provider</c> = Sqlite (default: one file per module in <c>Database:SqliteDirectory</c>, default <c>data/</c>),
/// SqlServer or Postgres (<c>ConnectionStrings:{Module}</c>, one schema per module). A bad value stops start-up with a
/// message naming the setting.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string SqliteDirectory)
{
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var raw = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(raw, ignoreCase: true, out var provider) || int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            throw new InvalidOperationException(
                $"Database:Provider '{raw}' is not supported; use '{nameof(DatabaseProvider.Sqlite)}', '{nameof(DatabaseProvider.SqlServer)}' or '{nameof(DatabaseProvider.Postgres)}'.");
        return new DatabaseSettings(provider, configuration["Database:SqliteDirectory"] ?? "data");
    }

    public string SqliteConnectionString(string module)
    {
        var directory = Path.GetFullPath(SqliteDirectory);
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, module.ToLowerInvariant() + ".db")};Pooling=True;Default Timeout=30";
    }

    /// <summary>A server database's connection string for the module (SqlServer, Postgres).</summary>
    public string ServerConnectionString(IConfiguration configuration, string module) =>
        configuration.GetConnectionString(module) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"Database:Provider is {Provider} but ConnectionStrings:{module} is not set.");
}

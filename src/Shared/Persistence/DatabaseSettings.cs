using System.Globalization;
using Ecommerce.Shared.Hosting;

namespace Ecommerce.Shared.Persistence;

public enum DatabaseProvider { Sqlite, SqlServer, Postgres }

/// <summary>
/// <c>Database:Provider</c> = Sqlite (default: one file per module in <c>Database:SqliteDirectory</c>, default <c>data/</c>),
/// SqlServer or Postgres (<c>ConnectionStrings:{Module}</c>, one schema per module). A bad value stops start-up with a
/// message naming the setting.
/// </summary>
public sealed class DatabaseSettings : IModuleOptions
{
    public const string Section = "Database";

    /// <summary>As written (any case): a name, never a number, so a typo cannot pick a provider.</summary>
    public string Provider { get; init; } = nameof(DatabaseProvider.Sqlite);

    public string SqliteDirectory { get; init; } = "data";

    public DatabaseProvider Kind => Enum.Parse<DatabaseProvider>(Provider, ignoreCase: true);

    public IEnumerable<string> Problems()
    {
        if (!Enum.TryParse<DatabaseProvider>(Provider, ignoreCase: true, out _) || int.TryParse(Provider, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            yield return $"Database:Provider '{Provider}' is not supported; use '{nameof(DatabaseProvider.Sqlite)}', '{nameof(DatabaseProvider.SqlServer)}' or '{nameof(DatabaseProvider.Postgres)}'.";
    }

    public string SqliteConnectionString(string module)
    {
        var directory = Path.GetFullPath(SqliteDirectory);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Database:SqliteDirectory '{directory}' cannot be created: {exception.Message}", exception);
        }
        return $"Data Source={Path.Combine(directory, module.ToLowerInvariant() + ".db")};Pooling=True;Default Timeout=30";
    }

    /// <summary>A server database's connection string for the module (SqlServer, Postgres).</summary>
    public string ServerConnectionString(IConfiguration configuration, string module) =>
        configuration.GetConnectionString(module) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"Database:Provider is {Kind} but ConnectionStrings:{module} is not set.");
}

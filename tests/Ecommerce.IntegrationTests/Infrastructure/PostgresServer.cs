using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the tests, started the way Testcontainers would start one with Docker, from Debian's
/// <c>postgresql</c> package: <c>initdb</c> into a temporary directory, <c>pg_ctl</c> on a free port, stopped (and the
/// directory removed) when the test run ends. One server per run, a database per test store. As root (CI), the server
/// runs as the <c>postgres</c> user, since PostgreSQL refuses to run as root. Durability is traded for speed here
/// (<c>fsync=off</c>): a test database never outlives the run.
/// </summary>
public sealed class PostgresServer
{
    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static PostgresServer? _running;

    private readonly string _directory;
    private readonly string _binaries;
    private readonly int _port;

    private PostgresServer(string directory, string binaries, int port) => (_directory, _binaries, _port) = (directory, binaries, port);

    /// <summary>Where initdb and pg_ctl are: on the PATH, else in Debian's /usr/lib/postgresql/{version}/bin; null if nowhere.</summary>
    public static string? Binaries { get; } = FindBinaries();

    /// <summary>Why PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? Unavailable => Binaries is null
        ? "PostgreSQL is not installed (initdb and pg_ctl not found on the PATH nor in /usr/lib/postgresql/*/bin); install Debian's postgresql package"
        : null;

    /// <summary>The run's server, started on first use.</summary>
    public static async Task<PostgresServer> RunningAsync()
    {
        if (_running is not null) return _running;
        await Starting.WaitAsync();
        try
        {
            return _running ??= await StartAsync();
        }
        finally
        {
            Starting.Release();
        }
    }

    /// <summary>Stops the run's server if one was started (the run's SetUpFixture calls this at the end).</summary>
    public static void StopRunning()
    {
        if (_running is null) return;
        _running.Run("pg_ctl", "-D", Path.Combine(_running._directory, "data"), "-m", "immediate", "-w", "stop");
        Directory.Delete(_running._directory, recursive: true);
        _running = null;
    }

    /// <summary>The connection string of a database named after <paramref name="store"/>, created on first use (so a restart on the same store finds its data).</summary>
    public async Task<string> DatabaseAsync(string store)
    {
        var name = TestStore.DatabaseName(store);
        await using var admin = new NpgsqlConnection(ConnectionString("postgres"));
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin) { Parameters = { new("name", name) } };
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50;Timeout=30;Command Timeout=60";

    private static async Task<PostgresServer> StartAsync()
    {
        if (Binaries is null) throw new InvalidOperationException(Unavailable);
        var directory = Path.Combine(Path.GetTempPath(), "ecommerce-postgres", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var server = new PostgresServer(directory, Binaries, FreePorts.Next());
        if (Environment.UserName == "root") server.RunAsRoot("chown", "-R", "postgres:postgres", directory);
        var data = Path.Combine(directory, "data");
        server.Run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        server.Run("pg_ctl", "-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o",
            $"-p {server._port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "start");
        await using var probe = new NpgsqlConnection(server.ConnectionString("postgres"));
        await probe.OpenAsync();
        return server;
    }

    /// <summary>A PostgreSQL program, as the postgres user when this process is root.</summary>
    private void Run(string program, params string[] arguments)
    {
        var path = Path.Combine(_binaries, program);
        if (Environment.UserName == "root") RunAsRoot("runuser", ["-u", "postgres", "--", path, .. arguments]);
        else RunAsRoot(path, arguments);
    }

    private void RunAsRoot(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, UseShellExecute = false, RedirectStandardError = true, WorkingDirectory = _directory };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90))) process.Kill(entireProcessTree: true);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}{output.Result}");
    }

    private static string? FindBinaries()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = new FileInfo(Path.Combine(directory, "initdb"));
            // A link (e.g. /usr/local/bin/initdb → /usr/lib/postgresql/15/bin/initdb): its real directory holds pg_ctl too.
            var bin = initdb.Exists ? Path.GetDirectoryName(initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb.FullName)! : null;
            if (bin is not null && File.Exists(Path.Combine(bin, "pg_ctl"))) return bin;
        }
        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian)) return null;
        return Directory.GetDirectories(debian).Select(v => Path.Combine(v, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), NumberStyles.Integer, CultureInfo.InvariantCulture, out var version) ? version : 0)
            .FirstOrDefault();
    }
}

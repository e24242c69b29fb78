using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ecommerce.IntegrationTests.Platform;

/// <summary>
/// The host binary started as a container runs it, with something it cannot start with: it says what, once, and exits 1
/// (no unhandled exception, no stack trace, no abort), as an orchestrator and a person reading its output expect.
/// </summary>
[TestFixture]
public sealed class StartupFailureTests
{
    [Test]
    public async Task Given_a_setting_out_of_range_Then_the_process_says_which_and_exits_1_before_listening()
    {
        var (exitCode, output) = await RunHostAsync(new() { ["Orders:BulkChunkSize"] = "0" });

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output.Trim(), Is.EqualTo("The host did not start: Orders:BulkChunkSize must be a whole number from 1 to 100000, not 0."));
    }

    [Test]
    public async Task Given_an_appsettings_json_that_is_not_json_Then_the_process_says_where_and_exits_1()
    {
        var (exitCode, output) = await RunHostAsync([], appsettings: """{ "Orders": { "BulkChunkSize": 5 }, oops""");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.StartWith("The host did not start: Failed to load configuration from file"));
        Assert.That(output, Does.Contain("appsettings.json").And.Contain("BytePositionInLine: 36"));
    }

    [Test]
    public async Task Given_a_connection_string_its_provider_cannot_read_Then_the_process_names_the_setting_not_the_password_and_exits_1()
    {
        // SQL Server's keyword for the pool's size; Npgsql's is "Maximum Pool Size". No server is needed: it is read at start.
        const string connectionString = "Host=127.0.0.1;Port=1;Username=shop;Password=s3cret-pw;Database=shop;Max Pool Size=10";
        var (exitCode, output) = await RunHostAsync(new()
        {
            ["Database:Provider"] = "Postgres", ["ConnectionStrings:Orders"] = connectionString,
            ["ConnectionStrings:Payments"] = connectionString, ["ConnectionStrings:Notifications"] = connectionString,
        });

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.StartWith("The host did not start: ConnectionStrings:Orders is not a Postgres connection string:"));
        Assert.That(output, Does.Contain("max pool size"));
        Assert.That(output, Does.Not.Contain("s3cret-pw"));
    }

    [Test]
    public async Task Given_a_port_another_process_holds_Then_the_process_says_which_setting_chooses_it_and_exits_1()
    {
        var taken = FreePorts.Next();
        using var other = new TcpListener(IPAddress.IPv6Any, taken);
        other.Server.DualMode = true; // as Kestrel binds: [::], IPv4 too
        other.Start();

        var (exitCode, output) = await RunHostAsync(new() { ["Ports:Orders"] = taken.ToString(CultureInfo.InvariantCulture) });

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain($"The host did not start: Failed to bind to address http://[::]:{taken}: address already in use."));
        Assert.That(output, Does.Contain("Ports:Orders"));
        Assert.That(output, Does.Not.Contain("Unhandled exception"));
    }

    [Test]
    public async Task Given_a_data_directory_where_a_file_stands_Then_the_process_names_the_setting_and_exits_1()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (exitCode, output) = await RunHostAsync(new() { ["Database:SqliteDirectory"] = Path.Combine(file, "data") });

            Assert.That(exitCode, Is.EqualTo(1), output);
            Assert.That(output, Does.StartWith($"The host did not start: Database:SqliteDirectory '{Path.Combine(file, "data")}' cannot be created:"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Given_a_database_file_that_cannot_be_opened_Then_the_process_logs_it_once_and_exits_1()
    {
        var data = ThrowawayDirectory.New();
        try
        {
            Directory.CreateDirectory(Path.Combine(data, "orders.db")); // where the Orders database file must be
            var (exitCode, output) = await RunHostAsync(new() { ["Database:SqliteDirectory"] = data });

            Assert.That(exitCode, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain("database could not be created or upgraded; the host stops"));
            Assert.That(output, Does.Not.Contain("Unhandled exception"));
            Assert.That(output, Does.Not.Contain("BackgroundService failed"), "the owed-work loops end quietly instead of failing the stop");
            Assert.That(output, Does.Not.Contain("dashboard's endpoints could not be built"));
        }
        finally
        {
            ThrowawayDirectory.Delete(data);
        }
    }

    /// <summary>
    /// Runs the host until it exits on its own (60 s at most), on free ports, in a working directory of its own (its
    /// content root, where it reads <c>appsettings.json</c>); its exit code and everything it wrote.
    /// </summary>
    private static async Task<(int ExitCode, string Output)> RunHostAsync(Dictionary<string, string> settings, string? appsettings = null)
    {
        var data = ThrowawayDirectory.New();
        Directory.CreateDirectory(data);
        if (appsettings is not null) await File.WriteAllTextAsync(Path.Combine(data, "appsettings.json"), appsettings);
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = data,
        };
        foreach (var module in new[] { "Orders", "Payments", "Notifications", "Dashboard" })
            start.Environment[$"Ports__{module}"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Database__SqliteDirectory"] = data;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            ThrowawayDirectory.Delete(data);
        }
        return (process.ExitCode, await error + await output);
    }
}

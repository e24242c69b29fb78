using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>
/// SQL Server for the tests, in Docker through Testcontainers: one container per run, a database per test store.
/// Where no Docker engine answers, the tests that need it are skipped with that reason (see <see cref="TestStore"/>).
/// </summary>
public static class SqlServerContainer
{
    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static MsSqlContainer? _running;

    /// <summary>The connection string of a database named after <paramref name="store"/>, created on first use.</summary>
    public static async Task<string> DatabaseAsync(string store)
    {
        var server = await RunningAsync();
        var name = TestStore.DatabaseName(store);
        await using (var master = new SqlConnection(server.GetConnectionString()))
        {
            await master.OpenAsync();
            await using var create = new SqlCommand($"IF DB_ID('{name}') IS NULL CREATE DATABASE [{name}]", master);
            await create.ExecuteNonQueryAsync();
        }
        return new SqlConnectionStringBuilder(server.GetConnectionString()) { InitialCatalog = name }.ConnectionString;
    }

    public static async Task StopRunningAsync()
    {
        if (_running is not null) await _running.DisposeAsync();
        _running = null;
    }

    private static async Task<MsSqlContainer> RunningAsync()
    {
        if (_running is not null) return _running;
        await Starting.WaitAsync();
        try
        {
            if (_running is null)
            {
                var container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04").Build();
                await container.StartAsync();
                _running = container;
            }
            return _running;
        }
        finally
        {
            Starting.Release();
        }
    }
}

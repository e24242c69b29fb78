using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.Persistence;

/// <summary>
/// Each module's schema is created or upgraded by its migrations in the background, one module after the other, once the
/// ports listen: <c>/health</c> answers while EF Core warms up, instead of after it (see docs/testing-your-client.md, Start-up). A request
/// to a module's API waits until that module's database is ready (<see cref="Ready"/>), and so do the owed-work workers;
/// <c>/health/ready</c> says unavailable until then. A failed migration stops the host with exit code 1, as a start-up
/// error did when migrations ran before listening.
/// </summary>
public sealed class ModuleDatabases(
    IServiceScopeFactory scopes, IServiceProviderIsService registered, IHostApplicationLifetime lifetime, ILogger<ModuleDatabases> logger)
{
    private readonly ConcurrentDictionary<string, Task> _ready = new();
    private Task _previous = Task.CompletedTask;

    /// <summary>Starts migrating <typeparamref name="TContext"/>; nothing when the module runs elsewhere (no context registered).</summary>
    public void Start<TContext>(string module) where TContext : DbContext
    {
        // Asked of the container, not by creating a context: that would build EF's services on the start path.
        if (!registered.IsService(typeof(TContext))) return;
        // One after the other, on one thread: on two cores the other stays free for the first requests, whose own
        // start-up work (JIT, routing) would otherwise compete with three migrations at once.
        // And only once the ports listen: until then the start itself needs the CPU.
        var previous = _previous;
        _ready[module] = _previous = Task.Run(async () =>
        {
            await previous.ContinueWith(_ => { }, TaskScheduler.Default);
            await Listening();
            if (lifetime.ApplicationStopping.IsCancellationRequested) return; // stopped before it listened: nothing to serve
            await MigrateAsync<TContext>(module);
        });
    }

    /// <summary>Completes when the module's database is ready; at once for a module without one (the dashboard).</summary>
    public Task Ready(string? module) => module is not null && _ready.TryGetValue(module, out var ready) ? ready : Task.CompletedTask;

    public Task AllReady => Task.WhenAll(_ready.Values);

    /// <summary>
    /// True once every module's database is ready; false when one could not be migrated (logged, and the host is stopping
    /// with exit code 1): what a background loop waits on, ending quietly then instead of failing the host's stop too.
    /// </summary>
    public async Task<bool> AllReadyOrFailedAsync(CancellationToken cancellationToken)
    {
        var all = AllReady;
        await Task.WhenAny(all).WaitAsync(cancellationToken); // completes with it, without rethrowing its failure
        return all.IsCompletedSuccessfully;
    }

    private Task Listening()
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => listening.TrySetResult());
        lifetime.ApplicationStopping.Register(() => listening.TrySetResult());
        return listening.Task;
    }

    private async Task MigrateAsync<TContext>(string module) where TContext : DbContext
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            switch (db.ProviderOf())
            {
                case DatabaseProvider.Sqlite:
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                    if (!await SqliteFreshSchema.TryCreateAsync(db)) await db.Database.MigrateAsync();
                    break;
                case DatabaseProvider.Postgres:
                    await MigrateOneAtATimeOnPostgresAsync(db, module);
                    break;
                default:
                    await db.Database.MigrateAsync();
                    break;
            }
        }
        catch (Exception exception)
        {
            logger.LogCritical(exception, "{Module}'s database could not be created or upgraded; the host stops", module);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            throw;
        }
    }

    /// <summary>
    /// Replicas that start together migrate one after the other: EF's own lock on PostgreSQL is taken per migration
    /// transaction, and two replicas both applying a new migration failed with "relation already exists" (seen in CI). A
    /// session advisory lock per module, held on the connection the migration runs on, makes the second wait and then find
    /// nothing left to apply.
    /// </summary>
    private static async Task MigrateOneAtATimeOnPostgresAsync(DbContext db, string module)
    {
        var key = "ecommerce-migrations:" + module;
        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(hashtext({0}))", key);
            try
            {
                await db.Database.MigrateAsync();
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(hashtext({0}))", key);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

using Ecommerce.Shared.Persistence;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.Outbox;

/// <summary>
/// The loop every owed-work worker runs: one round, then a pause unless the round says more is waiting; a failed round
/// is logged and tried again after the pause; on shutdown it stops quietly, leaving what is owed in the database.
/// The first round waits until the host has started (the module it calls may be this process, listening only then) and
/// its databases are migrated.
/// </summary>
public abstract class PollingWorker(TimeProvider clock, ILogger logger, ModuleDatabases databases) : BackgroundService, IHostedLifecycleService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected TimeProvider Clock { get; } = clock;
    protected ILogger Logger { get; } = logger;

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>One round of work; true when there may be more right away (no pause).</summary>
    protected abstract Task<bool> RunOnceAsync(CancellationToken stopping);

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        return Task.CompletedTask;
    }

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        try
        {
            await _started.Task.WaitAsync(stopping);
            await databases.AllReady.WaitAsync(stopping);
            while (!stopping.IsCancellationRequested)
            {
                var more = false;
                try
                {
                    more = await RunOnceAsync(stopping);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Logger.LogError(exception, "{Worker} failed; trying again shortly", GetType().Name);
                }
                if (!more) await Task.Delay(Poll, Clock, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}

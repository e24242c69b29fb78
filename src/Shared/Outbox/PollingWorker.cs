using Ecommerce.Shared.Persistence;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.Outbox;

/// <summary>
/// The loop every owed-work worker runs: one round, then a pause unless the round says more is waiting; a failed round
/// is logged and tried again after the pause. On shutdown it starts no new round and lets the one in hand finish while
/// the ports still answer (the host's stopping phase, before anything stops), so the rows it took are settled or put
/// back, not left under a lease another replica must wait out; what is owed stays in the database.
/// The first round waits until the host has started (the module it calls may be this process, listening only then) and
/// its databases are migrated.
/// </summary>
public abstract class PollingWorker(TimeProvider clock, ILogger logger, ModuleDatabases databases) : BackgroundService, IHostedLifecycleService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _noMoreRounds = new();

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

    async Task IHostedLifecycleService.StoppingAsync(CancellationToken timeout)
    {
        await _noMoreRounds.CancelAsync();
        // The round in hand, until the shutdown timeout; then StopAsync cancels it.
        if (ExecuteTask is not { } loop) return;
        try
        {
            await loop.WaitAsync(timeout);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }
    }

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var rounds = CancellationTokenSource.CreateLinkedTokenSource(stopping, _noMoreRounds.Token);
        try
        {
            await _started.Task.WaitAsync(rounds.Token);
            if (!await databases.AllReadyOrFailedAsync(rounds.Token)) return; // the host is stopping already, with exit code 1
            while (!rounds.IsCancellationRequested)
            {
                var more = false;
                var round = WorkRound.Start(GetType().Name);
                try
                {
                    more = await RunOnceAsync(stopping);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Logger.LogError(exception, "{Worker} failed; trying again shortly", GetType().Name);
                }
                finally
                {
                    WorkRound.End(round);
                }
                if (!more) await Task.Delay(Poll, Clock, rounds.Token);
            }
        }
        catch (OperationCanceledException) when (rounds.IsCancellationRequested)
        {
        }
    }
}

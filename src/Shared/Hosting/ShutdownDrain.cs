using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// A shutdown that no client notices. On SIGTERM <c>/health/ready</c> turns unready at once (a load balancer stops
/// sending); after <c>Shutdown:DrainDelaySeconds</c> (the usual pre-stop pause: the balancer's last requests still
/// arrive) requests from outside are answered 503 "Service is shutting down" (nothing done; <c>Retry-After: 1</c>), while the
/// calls between modules that requests in flight still make are served; the ports close only when no request is in
/// flight (or <c>HostOptions:ShutdownTimeout</c>, which the whole stop shares, runs out). Without it every port closed at
/// once and an order in flight on Orders found Payments gone: answered <c>pending</c>, or its connection reset.
/// </summary>
internal sealed class ShutdownDrain : IHostedLifecycleService, IHealthCheck
{
    private readonly RequestGate _gate;
    private readonly TimeSpan _delay;
    private readonly TimeProvider _clock;
    private readonly ILogger<ShutdownDrain> _log;
    private volatile bool _stopping;

    public ShutdownDrain(RequestGate gate, IOptions<ShutdownOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<ShutdownDrain> log)
    {
        (_gate, _clock, _log) = (gate, clock, log);
        _delay = TimeSpan.FromSeconds(options.Value.DrainDelaySeconds);
        // The signal itself, before the host starts stopping anything.
        lifetime.ApplicationStopping.Register(() => _stopping = true);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_stopping ? HealthCheckResult.Unhealthy("shutting down") : HealthCheckResult.Healthy());

    async Task IHostedLifecycleService.StoppingAsync(CancellationToken timeout)
    {
        _stopping = true;
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (_delay > TimeSpan.Zero)
            {
                _log.LogInformation("Shutting down: unready now, taking requests for {Seconds} s more (Shutdown:DrainDelaySeconds)", _delay.TotalSeconds);
                await Task.Delay(_delay, _clock, timeout);
            }
            await _gate.ShutDownAsync(timeout);
            _log.LogInformation("Shutting down: every request in flight answered after {Elapsed:0} ms; closing the ports", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            _log.LogWarning("Shutting down: HostOptions:ShutdownTimeout ran out with requests in flight; what they leave stays owed and is finished after the next start");
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

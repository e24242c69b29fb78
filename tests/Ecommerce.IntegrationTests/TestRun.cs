// Fixtures run side by side (each has its own host, ports, store and browser; the tests of one fixture run in turn):
// most of a test's time is waiting on a host, a browser or a server, not using a core. Fixtures that read what the whole
// process emits (telemetry, metrics) or that time or load the machine say [NonParallelizable].
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(3)]

namespace Ecommerce.IntegrationTests;

/// <summary>What the whole test run shares and must clean up at its end.</summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeTearDown]
    public async Task StopSharedServers()
    {
        PostgresServer.StopRunning();
        await SqlServerContainer.StopRunningAsync();
        await Browser.StopSharedAsync();
    }
}

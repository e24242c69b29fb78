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
    }
}

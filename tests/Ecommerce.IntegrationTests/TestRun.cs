namespace Ecommerce.IntegrationTests;

/// <summary>What the whole test run shares and must clean up at its end.</summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeTearDown]
    public void StopSharedServers() => PostgresServer.StopRunning();
}

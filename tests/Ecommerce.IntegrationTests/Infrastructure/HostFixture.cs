namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>One whole host per fixture, started with the given settings and stopped after the fixture's tests.</summary>
public abstract class HostFixture(IReadOnlyDictionary<string, string?>? settings = null)
{
    protected EcommerceApp App { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartHost() => App = new EcommerceApp(settings);

    [OneTimeTearDown]
    public async Task StopHost() => await App.DisposeAsync();
}

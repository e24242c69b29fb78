namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>
/// One whole host per fixture, started with the given settings on the given provider's store (see <see cref="TestStore"/>)
/// and stopped after the fixture's tests.
/// </summary>
public abstract class HostFixture(string provider = TestStore.Sqlite, IReadOnlyDictionary<string, string?>? settings = null)
{
    protected EcommerceApp App { get; private set; } = null!;

    /// <summary>Database:Provider for the hosts a test starts itself.</summary>
    protected string Provider { get; } = provider;

    [OneTimeSetUp]
    public void StartHost() => App = new EcommerceApp(TestStore.On(Provider, settings));

    [OneTimeTearDown]
    public async Task StopHost() => await App.DisposeAsync();
}

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

    /// <summary>The settings, when they are known only as the fixture starts (e.g. the URL of a stub it starts first).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings() => settings;

    /// <summary>The host's clock, e.g. a FakeTimeProvider the tests advance; null: the system's.</summary>
    protected virtual TimeProvider? Clock => null;

    [OneTimeSetUp]
    public async Task StartHost() => App = await EcommerceApp.StartAsync(TestStore.On(Provider, Settings()), Clock);

    /// <summary>A fixture skipped in its set-up (a provider that cannot run here) has no host to stop.</summary>
    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (App is not null) await App.DisposeAsync();
    }
}

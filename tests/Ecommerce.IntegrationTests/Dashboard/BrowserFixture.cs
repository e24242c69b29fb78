namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>A host (<see cref="HostFixture"/>) and a handle on the run's browser (each test's pages closed after it); the dashboard's address in <see cref="Url"/>.</summary>
public abstract class BrowserFixture(IReadOnlyDictionary<string, string?>? settings = null) : HostFixture(TestStore.Sqlite, settings)
{
    protected Browser Chromium { get; private set; } = null!;
    protected string Url => $"http://127.0.0.1:{App.DashboardPort}";

    [OneTimeSetUp]
    public async Task StartBrowser()
    {
        if (!Browser.IsInstalled) Assert.Ignore($"Chromium is not installed at {Browser.ChromiumPath} (apt-get install chromium; .ci/run does)");
        Chromium = await Browser.OpenAsync();
    }

    [TearDown]
    public async Task ClosePages()
    {
        if (Chromium is not null) await Chromium.ClosePagesAsync();
    }
}

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>One host and one browser per fixture; the dashboard's address in <see cref="Url"/>.</summary>
public abstract class BrowserFixture(IReadOnlyDictionary<string, string?>? settings = null)
{
    protected EcommerceApp App { get; private set; } = null!;
    protected Browser Chromium { get; private set; } = null!;
    protected string Url { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartHostAndBrowser()
    {
        if (!Browser.IsInstalled) Assert.Ignore($"Chromium is not installed at {Browser.ChromiumPath} (apt-get install chromium; .ci/run does)");
        App = new EcommerceApp(settings);
        Chromium = await Browser.LaunchAsync();
        Url = $"http://127.0.0.1:{App.DashboardPort}";
    }

    [OneTimeTearDown]
    public async Task StopHostAndBrowser()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        if (App is not null) await App.DisposeAsync();
    }
}

using Microsoft.Playwright;

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>
/// Headless Chromium from Debian's package (Playwright cannot download its own browser here; .ci/run installs
/// chromium). One browser serves the whole run (its driver and browser processes started once, at first use); each
/// fixture has its own handle, whose pages live in contexts of their own (cookies, storage) that
/// <see cref="ClosePagesAsync"/> closes after each test, so no page left open keeps rendering what later tests change.
/// Pages are screenshotted into the test's artifacts.
/// </summary>
public sealed class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _shared;

    private readonly List<IBrowserContext> _contexts = [];

    private Browser()
    {
    }

    public static bool IsInstalled => File.Exists(ChromiumPath);

    /// <summary>A handle on the run's browser, started if it is not yet.</summary>
    public static async Task<Browser> OpenAsync()
    {
        await Starting.WaitAsync();
        try
        {
            _playwright ??= await Playwright.CreateAsync();
            _shared ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
            });
        }
        finally
        {
            Starting.Release();
        }
        return new Browser();
    }

    /// <param name="dark">The system asks for dark colours (prefers-color-scheme: dark).</param>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool dark = false)
    {
        var context = await _shared!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
        });
        lock (_contexts) _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>Closes every page this handle opened (their dashboard circuits end with them).</summary>
    public async Task ClosePagesAsync()
    {
        IBrowserContext[] contexts;
        lock (_contexts)
        {
            contexts = [.. _contexts];
            _contexts.Clear();
        }
        foreach (var context in contexts) await context.CloseAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }

    /// <summary>At the end of the run.</summary>
    public static async Task StopSharedAsync()
    {
        if (_shared is not null) await _shared.DisposeAsync();
        _playwright?.Dispose();
        (_shared, _playwright) = (null, null);
    }
}

using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>With Testing:Enabled, the dashboard warns while faults are injected, and stops once they are cleared.</summary>
[TestFixture]
[Category("Browser")]
public sealed class FaultBannerTests() : BrowserFixture(new Dictionary<string, string?> { ["Testing:Enabled"] = "true" })
{
    [Test]
    public async Task Given_a_fault_on_Payments_Then_every_page_shows_the_banner_until_the_faults_are_cleared()
    {
        var (added, _) = await App.Payments.PostJson("/testing/faults", new { mode = "error", status = 503, path = "/api/v1/payments/refund" });
        Assert.That((int)added.StatusCode, Is.EqualTo(201));
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders");
        await Expect(page.Locator(".fault-banner")).ToHaveAttributeAsync("data-faults", "1");
        await Expect(page.Locator(".fault-banner")).ToContainTextAsync("1 fault injected");
        await Browser.ScreenshotAsync(page, "fault-banner");

        using (var cleared = await App.Payments.DeleteAsync("/testing/faults")) Assert.That((int)cleared.StatusCode, Is.EqualTo(204));
        await page.GotoAsync($"{Url}/payments");
        await Expect(page.Locator("main")).ToBeVisibleAsync();
        await Expect(page.Locator(".fault-banner")).ToHaveCountAsync(0);
    }
}

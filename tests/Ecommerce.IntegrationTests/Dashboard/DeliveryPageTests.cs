using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>The notifications page shows each delivery's state, filters the failed ones and sends one again.</summary>
[TestFixture]
[Category("Browser")]
public sealed class DeliveryPageTests() : BrowserFixture(new Dictionary<string, string?>
{
    ["Notifications:Smtp:Host"] = "127.0.0.1", ["Notifications:Smtp:Port"] = $"{SmtpPort}", ["Notifications:Smtp:Security"] = "None",
    ["Notifications:Smtp:From"] = "shop@example.com",
})
{
    private static readonly int SmtpPort = FreePorts.Next();
    private SmtpServer? _smtp;

    [OneTimeSetUp]
    public async Task StartSmtp() => _smtp = await SmtpServer.StartAsync(SmtpPort);

    [OneTimeTearDown]
    public async Task StopSmtp()
    {
        if (_smtp is not null) await _smtp.DisposeAsync();
    }

    [Test]
    public async Task Given_a_refused_email_Then_the_page_shows_it_failed_filters_it_and_sends_it_again()
    {
        var (_, good) = await App.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(1));
        var (_, refused) = await App.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(2, to: "reject-this@example.com"));
        Assert.That(await Eventually.TrueAsync(async () => await State(good) == "delivered" && await State(refused) == "failed", TimeSpan.FromSeconds(60)),
            Is.True);

        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/notifications");
        await Expect(page.Locator($"tr[data-notification-id='{good["id"]}']")).ToHaveAttributeAsync("data-delivery-state", "delivered");
        await page.SelectOptionAsync("select[name='delivery_state']", "failed");
        var row = page.Locator($"tr[data-notification-id='{refused["id"]}']");
        await Expect(row).ToHaveAttributeAsync("data-delivery-state", "failed");
        await Expect(page.Locator($"tr[data-notification-id='{good["id"]}']")).ToHaveCountAsync(0);
        await Expect(row.Locator(".badge")).ToHaveAttributeAsync("title", new Regex("^550 "));
        await Browser.ScreenshotAsync(page, "notifications-failed");

        await row.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Send again" }).ClickAsync();
        Assert.That(await Eventually.TrueAsync(async () => (int)(await Delivery(refused))["attempts"]! == 2, TimeSpan.FromSeconds(60)), Is.True,
            "queued again and tried once more");
        Assert.That(await State(refused), Is.EqualTo("failed"));

        // The dashboard action is in the audit: the route and the Audit page (these emails were sent without orders).
        var (_, audit) = await App.Notifications.GetJson("/api/v1/notifications/audit");
        var sentAgain = audit.AsArray().Single(e => (string?)e!["action"] == "notification.sent_again")!;
        Assert.That((string?)sentAgain["subject"], Is.EqualTo($"order {refused["order_id"]}"));
        Assert.That((string?)sentAgain["detail"], Is.EqualTo($"email #{refused["id"]}"));
        await page.GotoAsync($"{Url}/audit");
        await Expect(page.Locator("tr[data-audit-action='notification.sent_again']")).ToHaveAttributeAsync("data-module", "Notifications");
    }

    private async Task<JsonNode> Delivery(JsonNode notification) =>
        (await App.Notifications.GetJson($"/api/v1/notifications/{notification["id"]}/delivery")).Body;

    private async Task<string?> State(JsonNode notification) => (string?)(await Delivery(notification))["state"];
}

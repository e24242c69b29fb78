using System.Text.Json.Nodes;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>An order's story on its page: what happened to it, oldest first, from every module's records.</summary>
[TestFixture]
[Category("Browser")]
public sealed class OrderStoryTests() : BrowserFixture(new Dictionary<string, string?> { ["Testing:Enabled"] = "true" })
{
    [Test]
    public async Task An_order_whose_first_confirmation_was_refused_shows_the_refused_attempt_and_the_later_acceptance()
    {
        await App.Notifications.PostJson("/testing/faults", new { mode = "error", status = 429, method = "POST", path = "/api/v1/notifications/email", count = 1 });
        var (_, order) = await App.Orders.PostJson("/api/v1/orders", Requests.Order());
        var id = (int)order["id"]!;
        JsonNode attempts = new JsonArray();
        Assert.That(await Eventually.TrueAsync(async () => (attempts = (await App.Orders.GetJson($"/api/v1/orders/{id}/attempts")).Body).AsArray().Count == 2,
            TimeSpan.FromSeconds(30)), "the owed confirmation is taken on a later attempt");
        Assert.That(attempts.AsArray().Select(a => (string)a!["outcome"]!).ToList(), Is.EqualTo(new[] { "not taken", "done" }));
        Assert.That((string)attempts[0]!["step"]!, Is.EqualTo("email ORDER_CONFIRMATION"));
        Assert.That((string)attempts[0]!["detail"]!, Does.Contain("429").And.Contain("next attempt at"));

        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders/{id}");
        var story = page.Locator(".timeline li");
        await Expect(story.First).ToHaveAttributeAsync("data-story", "Created");
        await Expect(story.First).ToContainTextAsync("through the API");
        var events = await story.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.story)");
        Assert.That(events, Is.SupersetOf(new[]
        {
            "Created", "Payment completed", "Marked paid", "Email ORDER_CONFIRMATION: not taken",
            "Email ORDER_CONFIRMATION accepted", "Email ORDER_CONFIRMATION: done", "Email ORDER_CONFIRMATION recorded, not sent",
        }));
        Assert.That(Array.IndexOf(events, "Email ORDER_CONFIRMATION: not taken"), Is.LessThan(Array.IndexOf(events, "Email ORDER_CONFIRMATION: done")),
            "oldest first");
        await Expect(page.Locator("[data-story='Marked paid']")).ToContainTextAsync("from pending, by the payment's webhook");
        await Expect(page.Locator("[data-story='Email ORDER_CONFIRMATION: not taken']")).ToContainTextAsync("Injected fault: Notifications answers 429");
        await Browser.ScreenshotAsync(page, "order-story");
    }

    [Test]
    public async Task A_pending_order_says_why_it_is_still_pending()
    {
        await App.Payments.PostJson("/testing/faults", new { mode = "error", status = 503, method = "POST", path = "/api/v1/payments", count = 1 });
        var (_, order) = await App.Orders.PostJson("/api/v1/orders", Requests.Order());
        var id = (int)order["id"]!;
        Assert.That((string)order["status"]!, Is.EqualTo("pending"));

        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders/{id}");
        await Expect(page.Locator(".timeline li").First).ToHaveAttributeAsync("data-story", "Created");
        await Expect(page.Locator("[data-why]")).ToContainTextAsync("Still pending");
        await Expect(page.Locator("[data-why]")).ToContainTextAsync("Payments did not take the charge");
    }

    [Test]
    public async Task The_attempts_of_an_unknown_order_are_a_404()
    {
        var (response, body) = await App.Orders.GetJson("/api/v1/orders/999999/attempts");
        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That(body.ToJsonString(), Is.EqualTo("""{"detail":"Order not found"}"""));
    }
}

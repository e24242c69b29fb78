using System.Net;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>With Notifications away, an order's confirmation is owed: the API lists it and the dashboard shows it.</summary>
[TestFixture]
[Category("Browser")]
public sealed class OwedWorkPageTests() : BrowserFixture(new Dictionary<string, string?>
{
    ["Services:Notifications:BaseUrl"] = $"http://127.0.0.1:{EcommerceApp.FreePort()}/api/v1",
})
{
    [Test]
    public async Task Given_an_email_notifications_did_not_take_Then_the_header_counts_it_and_the_owed_page_lists_it()
    {
        var (_, order) = await App.Orders.PostJson("/api/v1/orders/", Requests.Order());
        var id = (int)order["id"]!;

        var (response, owed) = await App.Orders.GetJson("/api/v1/orders/owed");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var step = owed["steps"]!.AsArray().Single(s => (int)s!["order_id"]! == id)!;
        Assert.That(((string?)step["kind"], (string?)step["detail"], (int)step["attempts"]!), Is.EqualTo(("email", "ORDER_CONFIRMATION", 1)));
        Assert.That((string?)step["last_error"], Is.Not.Empty);
        Assert.That((int)owed["count"]!, Is.GreaterThanOrEqualTo(1));

        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders");
        await Expect(page.Locator(".owed")).ToHaveTextAsync(new Regex(@"^Owed: [1-9]\d*$"));
        await page.ClickAsync(".owed");
        await Expect(page).ToHaveURLAsync(new Regex("/owed$"));
        var row = page.Locator($"tr[data-owed-kind='email'][data-order-id='{id}']");
        await Expect(row).ToContainTextAsync("ORDER_CONFIRMATION");
        await Browser.ScreenshotAsync(page, "owed-work");
    }
}

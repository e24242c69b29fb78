using System.Text.RegularExpressions;
using Ecommerce.IntegrationTests.Dashboard;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Security;

/// <summary>
/// With API authentication on, in Chromium: the dashboard still creates and shows orders (it calls the APIs with its own
/// credential), and /docs "Authorize" with an API key, then "Try it out", gets real answers.
/// </summary>
[TestFixture]
[Category("Browser")]
public sealed class SecuredBrowserTests() : BrowserFixture(ApiAuth.Settings())
{
    [Test]
    public async Task Given_auth_on_When_an_order_is_created_in_the_dashboard_Then_it_is_paid_and_listed()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders/new");
        await page.FillAsync("#customer_email", "secure@example.co.jp");
        await page.FillAsync("#customer_name", "安全太郎");
        await page.FillAsync("[aria-label='Product 1']", "金庫");
        await page.FillAsync("[aria-label='Quantity 1']", "1");
        await page.FillAsync("[aria-label='Unit price 1']", "5000");
        await page.ClickAsync("button:has-text('Create order')");
        await Expect(page).ToHaveURLAsync(new Regex(@"/orders/\d+$"));
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("paid");
        await Expect(page.Locator(".notifications")).ToContainTextAsync("ORDER_CONFIRMATION");

        await page.GotoAsync($"{Url}/orders");
        await Expect(page.Locator("tr", new() { HasText = "安全太郎" }).First.Locator(".badge")).ToHaveTextAsync("paid");
    }

    [Test]
    public async Task Given_auth_on_When_authorized_with_an_api_key_in_the_docs_Then_try_it_out_answers_200()
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"http://127.0.0.1:{App.OrdersPort}/docs/index.html");
        await page.ClickAsync("button.authorize");
        var dialog = page.Locator(".auth-container", new() { HasText = "APIKeyHeader" });
        await dialog.Locator("input").FillAsync(ApiAuth.ReaderKey);
        await dialog.Locator("button.authorize").ClickAsync();
        await page.ClickAsync("button.btn-done");

        var block = page.Locator("#operations-Orders-ListOrders");
        await block.Locator(".opblock-summary").First.ClickAsync();
        await block.Locator(".try-out__btn").ClickAsync();
        await block.Locator("button.execute").ClickAsync();
        await Expect(block.Locator(".live-responses-table tr.response .response-col_status")).ToHaveTextAsync("200");
        await Browser.ScreenshotAsync(page, "swagger-authorized");
    }
}

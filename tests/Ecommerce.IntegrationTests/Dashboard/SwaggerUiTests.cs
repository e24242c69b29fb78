using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>
/// What an API consumer does first on each port's /docs: "Try it out" on the create operation (its body prefilled with the
/// document's example) and on the read by id (typing the id into its own field), and sees the real answer.
/// </summary>
[TestFixture]
[Category("Browser")]
public sealed class SwaggerUiTests() : BrowserFixture(new Dictionary<string, string?> { ["Testing:Enabled"] = "true" })
{
    [TestCase("Orders", "CreateOrder", "GetOrder", "order_id")]
    [TestCase("Payments", "CreatePayment", "GetPayment", "payment_id")]
    [TestCase("Notifications", "SendEmail", "GetNotification", "notification_id")]
    public async Task Given_a_port_When_trying_create_then_read_by_id_Then_the_docs_show_201_then_200(string module, string create, string read, string id)
    {
        using (var reset = await App.Dashboard.PostAsync("/testing/reset", null)) Assert.That((int)reset.StatusCode, Is.EqualTo(204), "ids start at 1");
        var port = module switch { "Orders" => App.OrdersPort, "Payments" => App.PaymentsPort, _ => App.NotificationsPort };
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"http://127.0.0.1:{port}/docs/index.html");

        var created = await TryItOutAsync(page, $"#operations-{module}-{create}", parameter: null);
        await Expect(created).ToHaveTextAsync("201");

        var found = await TryItOutAsync(page, $"#operations-{module}-{read}", parameter: (id, "1"));
        await Expect(found).ToHaveTextAsync("200");
        await Browser.ScreenshotAsync(page, $"swagger-{module.ToLowerInvariant()}");
    }

    /// <summary>Opens the operation, presses "Try it out", fills the path parameter, executes; returns the status cell.</summary>
    private static async Task<Microsoft.Playwright.ILocator> TryItOutAsync(Microsoft.Playwright.IPage page, string operation, (string Name, string Value)? parameter)
    {
        var block = page.Locator(operation);
        await block.Locator(".opblock-summary").First.ClickAsync();
        await block.Locator(".try-out__btn").ClickAsync();
        if (parameter is var (name, value)) await block.Locator($"tr[data-param-name='{name}'] input").FillAsync(value);
        await block.Locator("button.execute").ClickAsync();
        return block.Locator(".live-responses-table tr.response .response-col_status");
    }
}

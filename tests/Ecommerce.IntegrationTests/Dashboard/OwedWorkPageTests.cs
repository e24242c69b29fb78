using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>
/// With Notifications away, an order's confirmation is owed; a webhook Payments owes Orders is listed beside it: the APIs list
/// them and the dashboard shows them together.
/// </summary>
[TestFixture]
[Category("Browser")]
public sealed class OwedWorkPageTests() : BrowserFixture(new Dictionary<string, string?>
{
    ["Services:Notifications:BaseUrl"] = $"http://127.0.0.1:{FreePorts.Next()}/api/v1",
})
{
    [Test]
    public async Task Given_an_email_notifications_did_not_take_Then_the_header_counts_it_and_the_owed_page_lists_it()
    {
        var (_, order) = await App.Orders.PostJson("/api/v1/orders/", Requests.Order());
        var id = (int)order["id"]!;
        await OweWebhookAsync(id);

        var (response, owed) = await App.Orders.GetJson("/api/v1/orders/owed");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var step = owed["steps"]!.AsArray().Single(s => (int)s!["order_id"]! == id)!;
        Assert.That(((string?)step["kind"], (string?)step["detail"], (int)step["attempts"]!), Is.EqualTo(("email", "ORDER_CONFIRMATION", 1)));
        Assert.That((string?)step["last_error"], Is.Not.Empty);
        Assert.That((int)owed["count"]!, Is.GreaterThanOrEqualTo(1));
        var (_, webhooks) = await App.Payments.GetJson("/api/v1/payments/owed");
        var webhook = webhooks["steps"]!.AsArray().Single(s => (int)s!["order_id"]! == id)!;
        Assert.That(((string?)webhook["kind"], (string?)webhook["detail"]), Is.EqualTo(("webhook", "refunded")));

        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders");
        await Expect(page.Locator(".owed")).ToHaveTextAsync(new Regex(@"^Owed: [1-9]\d*$"));
        await page.ClickAsync(".owed");
        await Expect(page).ToHaveURLAsync(new Regex("/owed$"));
        var row = page.Locator($"tr[data-owed-kind='email'][data-order-id='{id}']");
        await Expect(row).ToContainTextAsync("ORDER_CONFIRMATION");
        await Expect(page.Locator($"tr[data-owed-kind='webhook'][data-order-id='{id}']")).ToContainTextAsync("refunded");
        await Browser.ScreenshotAsync(page, "owed-work");
    }

    /// <summary>A webhook Payments still owes Orders (as a refund while Orders was away leaves it), due only far ahead so it stays listed.</summary>
    private async Task OweWebhookAsync(int orderId)
    {
        await using var payments = new SqliteConnection($"Data Source={Path.Combine(App.DataDirectory, "payments.db")};Pooling=False");
        await payments.OpenAsync();
        var insert = payments.CreateCommand();
        insert.CommandText = """
            INSERT INTO owed_webhooks (OrderId, PaymentId, PaymentStatus, TransactionId, Attempts, NextAttemptAt, LastError, CreatedAt)
            VALUES ($order, 1, 'refunded', 'TXN-1', 3, '2100-01-01 00:00:00', 'Connection refused', '2026-01-01 00:00:00')
            """;
        insert.Parameters.AddWithValue("$order", orderId);
        await insert.ExecuteNonQueryAsync();
    }
}

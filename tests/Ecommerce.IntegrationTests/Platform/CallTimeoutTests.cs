namespace Ecommerce.IntegrationTests.Platform;

/// <summary>Each caller has its own timeout key: Payments' webhook budget (Services:Orders) is not the dashboard's (Dashboard).</summary>
[TestFixture]
public sealed class CallTimeoutTests
{
    [Test]
    public async Task Given_both_keys_Then_the_webhook_client_and_the_dashboard_client_each_take_their_own()
    {
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Services:Orders:TimeoutSeconds"] = "3",
            ["Dashboard:TimeoutSeconds"] = "45",
        });
        var clients = app.Service<IHttpClientFactory>();
        Assert.That(clients.CreateClient("OrdersWebhookClient").Timeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(clients.CreateClient("OrdersApi").Timeout, Is.EqualTo(TimeSpan.FromSeconds(45)));
        Assert.That(clients.CreateClient("PaymentsApi").Timeout, Is.EqualTo(TimeSpan.FromSeconds(45)));
        Assert.That(clients.CreateClient("PaymentsClient").Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)), "Orders → Payments keeps the contract's 30 s");
    }
}

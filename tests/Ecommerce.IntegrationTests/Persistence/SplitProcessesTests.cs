using System.Net;
using Ecommerce.IntegrationTests.Security;

namespace Ecommerce.IntegrationTests.Persistence;

/// <summary>
/// Each module in its own host (<c>Modules:Enabled</c>), calling the others over HTTP by <c>Services:*:BaseUrl</c>, on one
/// store: the order chain runs end to end as in one process, on each provider, and with API authentication and signed
/// webhooks on (each module calling the others with its own credential, derived from the shared Auth:ServiceKey).
/// </summary>
[TestFixture(TestStore.Sqlite, false)]
[TestFixture(TestStore.Postgres, false)]
[TestFixture(TestStore.Sqlite, true)]
public sealed class SplitProcessesTests(string provider, bool secured)
{
    [Test]
    public async Task Given_the_three_modules_in_three_hosts_Then_an_order_is_paid_confirmed_shipped_and_another_cancelled_and_refunded()
    {
        var store = ThrowawayDirectory.New();
        var ports = new Dictionary<string, string?>
        {
            ["Ports:Orders"] = $"{FreePorts.Next()}", ["Ports:Payments"] = $"{FreePorts.Next()}",
            ["Ports:Notifications"] = $"{FreePorts.Next()}",
        };
        Dictionary<string, string?> Host(string module)
        {
            var settings = TestStore.On(provider, new Dictionary<string, string?>(ports) { ["Modules:Enabled"] = module, ["Database:SqliteDirectory"] = store });
            foreach (var service in new[] { "Orders", "Payments", "Notifications" })
                settings[$"Services:{service}:BaseUrl"] = $"http://127.0.0.1:{ports[$"Ports:{service}"]}/api/v1";
            if (secured)
            {
                foreach (var (key, value) in ApiAuth.Settings()) settings[key] = value;
                settings["Webhooks:SigningSecrets:0"] = ApiAuth.WebhookSecret;
            }
            return settings;
        }
        await using var notifications = await EcommerceApp.StartAsync(Host("Notifications"));
        await using var payments = await EcommerceApp.StartAsync(Host("Payments"));
        await using var orders = await EcommerceApp.StartAsync(Host("Orders"));
        if (secured)
            foreach (var client in new[] { orders.Orders, payments.Payments, notifications.Notifications }) client.With(ApiAuth.AdminKey);

        var (created, order) = await orders.Orders.PostJson("/api/v1/orders/", Requests.Order());
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)order["status"], Is.EqualTo("paid"));
        var id = (int)order["id"]!;
        var (shipped, _) = await orders.Orders.PutJson($"/api/v1/orders/{id}/status", new { status = "shipped" });
        Assert.That(shipped.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var other = (int)(await orders.Orders.PostJson("/api/v1/orders/", Requests.Order())).Body["id"]!;
        var (cancelled, _) = await orders.Orders.DeleteJson($"/api/v1/orders/{other}");
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((string?)(await payments.Payments.GetJson($"/api/v1/payments/order/{id}")).Body["status"], Is.EqualTo("completed"));
        Assert.That((string?)(await payments.Payments.GetJson($"/api/v1/payments/order/{other}")).Body["status"], Is.EqualTo("refunded"));
        async Task<List<string>> Emails(int orderId) =>
            (await notifications.Notifications.GetJson($"/api/v1/notifications/order/{orderId}")).Body.AsArray().Select(n => (string)n!["template_name"]!).ToList();
        Assert.That(await Emails(id), Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_SHIPPED" }));
        Assert.That(await Emails(other), Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_CANCELLED" }));
    }
}

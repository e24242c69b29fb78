using System.Diagnostics;
using System.Net;

namespace Ecommerce.IntegrationTests.Orders;

/// <summary>
/// Notifications answers slower than Orders waits for it (a delay fault beyond Services:Notifications:TimeoutSeconds):
/// the order is still answered at once, paid, and its confirmation is owed and delivered once, not lost and not twice.
/// </summary>
[TestFixture]
public sealed class SlowNotificationsTests() : HostFixture(TestStore.Sqlite, new Dictionary<string, string?>
{
    ["Testing:Enabled"] = "true",
    ["Services:Notifications:TimeoutSeconds"] = "1",
})
{
    [Test]
    public async Task Given_Notifications_slower_than_the_timeout_Then_the_order_is_paid_and_its_email_arrives_once()
    {
        var (fault, _) = await App.Notifications.PostJson("/testing/faults",
            new { mode = "delay", delay_ms = 10_000, method = "POST", path = "/api/v1/notifications/email", count = 1 });
        Assert.That(fault.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var clock = Stopwatch.StartNew();
        var (created, order) = await App.Orders.PostJson("/api/v1/orders/", Requests.Order());
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)order["status"], Is.EqualTo("paid"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8)), "the order does not wait out the slow email");
        var id = (int)order["id"]!;

        List<string?> templates = [];
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            templates = (await App.Notifications.GetJson($"/api/v1/notifications/order/{id}")).Body.AsArray()
                .Select(e => (string?)e!["template_name"]).ToList();
            return templates.Count > 0;
        }, TimeSpan.FromSeconds(30)), "the owed confirmation is delivered");
        var owed = await Eventually.TrueAsync(async () => (await App.Orders.GetJson("/api/v1/orders/owed")).Body["count"]!.GetValue<int>() == 0,
            TimeSpan.FromSeconds(30));
        Assert.That(owed, Is.True, "nothing left owed");
        // The slow attempt was abandoned when Orders stopped waiting (its delay ends with the request): never a second one.
        templates = (await App.Notifications.GetJson($"/api/v1/notifications/order/{id}")).Body.AsArray()
            .Select(e => (string?)e!["template_name"]).ToList();
        Assert.That(templates, Is.EqualTo(new[] { "ORDER_CONFIRMATION" }));
    }
}

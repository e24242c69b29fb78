using System.Net;

namespace Ecommerce.IntegrationTests.Orders;

/// <summary>
/// D14 with one side away at the moment of a refund: Payments away when an order is cancelled (the refund is owed, then
/// made), or Orders away when a payment is refunded (the webhook is owed, then told): nobody is left charged or unaware.
/// </summary>
[TestFixture]
public sealed class OwedRefundTests
{
    [Test]
    public async Task Given_payments_down_while_a_paid_order_is_cancelled_Then_the_refund_is_made_once_payments_is_back()
    {
        // Orders reaches Payments through this proxy, which can be switched off; Payments' own webhook goes straight to Orders.
        await using var proxy = new SwitchableProxy();
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?> { ["Services:Payments:BaseUrl"] = proxy.BaseUrl });
        proxy.TargetPort = app.PaymentsPort;
        var scenario = new OrderScenario(app);
        var id = (int)(await scenario.Create())["id"]!;
        Assert.That((string?)(await scenario.Payment(id))!["status"], Is.EqualTo("completed"));

        proxy.Down = true;
        var (cancelled, order) = await app.Orders.DeleteJson($"/api/v1/orders/{id}");
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)order["status"], Is.EqualTo("cancelled"));
        Assert.That((string?)(await scenario.Payment(id))!["status"], Is.EqualTo("completed"), "the refund could not be made yet");

        proxy.Down = false;
        Assert.That(await Eventually.TrueAsync(async () => (string?)(await scenario.Payment(id))!["status"] == "refunded", TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(await scenario.Emails(id), Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_CANCELLED" }), "the refund's webhook sends nothing more");
    }

    [Test]
    public async Task Given_orders_down_when_a_payment_is_refunded_directly_Then_the_order_is_cancelled_once_orders_is_back()
    {
        // Payments reaches Orders (its webhook) through this proxy; Orders' own calls go straight to Payments.
        await using var proxy = new SwitchableProxy();
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?> { ["Services:Orders:BaseUrl"] = proxy.BaseUrl });
        proxy.TargetPort = app.OrdersPort;
        var scenario = new OrderScenario(app);
        var id = (int)(await scenario.Create())["id"]!;
        var payment = (await scenario.Payment(id))!;

        proxy.Down = true;
        var (refunded, refund) = await app.Payments.PostJson("/api/v1/payments/refund", new { payment_id = (int)payment["id"]!, reason = "returned" });
        Assert.That(refunded.StatusCode, Is.EqualTo(HttpStatusCode.Created), refund.ToJsonString());
        Assert.That((string?)(await app.Orders.GetJson($"/api/v1/orders/{id}")).Body["status"], Is.EqualTo("paid"), "Orders has not heard of it yet");

        proxy.Down = false;
        Assert.That(await Eventually.TrueAsync(async () => (string?)(await app.Orders.GetJson($"/api/v1/orders/{id}")).Body["status"] == "cancelled",
            TimeSpan.FromSeconds(60)), Is.True, "the owed webhook reached Orders");
        Assert.That(await Eventually.TrueAsync(async () => (await scenario.Emails(id)).Count == 2, TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(await scenario.Emails(id), Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_CANCELLED" }));
    }
}

using System.Net;

namespace Ecommerce.IntegrationTests.Orders;

/// <summary>D16: each webhook status on each order status.</summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
[TestFixture(TestStore.SqlServer)]
public sealed class PaymentWebhookTests(string provider) : OrdersFixture(provider)
{
    // status before, webhook, expected code, status after, email sent (or null)
    [TestCase("pending", "completed", 200, "paid", null)]
    [TestCase("paid", "completed", 200, "paid", null)]
    [TestCase("shipped", "completed", 400, "shipped", null)]
    [TestCase("delivered", "completed", 400, "delivered", null)]
    [TestCase("cancelled", "completed", 400, "cancelled", null)]
    [TestCase("pending", "failed", 200, "pending", "PAYMENT_FAILED")]
    [TestCase("paid", "failed", 400, "paid", null)]
    [TestCase("shipped", "failed", 400, "shipped", null)]
    [TestCase("delivered", "failed", 400, "delivered", null)]
    [TestCase("cancelled", "failed", 400, "cancelled", null)]
    [TestCase("pending", "refunded", 200, "cancelled", "ORDER_CANCELLED")]
    [TestCase("paid", "refunded", 200, "cancelled", "ORDER_CANCELLED")]
    [TestCase("shipped", "refunded", 200, "cancelled", "ORDER_CANCELLED")]
    [TestCase("delivered", "refunded", 200, "cancelled", "ORDER_CANCELLED")]
    [TestCase("cancelled", "refunded", 200, "cancelled", null)]
    public async Task Given_an_order_in_a_status_Then_the_webhook_does_what_d16_says(
        string before, string paymentStatus, int code, string after, string? email)
    {
        var id = await Orders.InStatus(before);
        var emailsBefore = await Orders.Emails(id);
        var (response, body) = await App.Orders.PostJson($"/api/v1/orders/{id}/webhook",
            new { payment_status = paymentStatus, transaction_id = Guid.NewGuid().ToString() });
        Assert.That((int)response.StatusCode, Is.EqualTo(code), body.ToJsonString());
        if (code == 200) Assert.That((string?)body["status"], Is.EqualTo(after));
        else Assert.That((string?)body["detail"], Is.Not.Empty);
        Assert.That((string?)(await App.Orders.GetJson($"/api/v1/orders/{id}")).Body["status"], Is.EqualTo(after));
        var expectedEmails = email is null ? emailsBefore : [.. emailsBefore, email];
        Assert.That(await Orders.Emails(id), Is.EqualTo(expectedEmails));
    }

    [Test]
    public async Task Given_an_unknown_order_Then_404_and_a_bad_status_Then_422()
    {
        var (unknown, detail) = await App.Orders.PostJson("/api/v1/orders/999999/webhook", new { payment_status = "completed", transaction_id = "t" });
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)detail["detail"], Is.EqualTo("Order not found"));

        var id = await Orders.InStatus("paid");
        var (bad, body) = await App.Orders.PostJson($"/api/v1/orders/{id}/webhook", new { payment_status = "lost", transaction_id = "t" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(body["detail"]![0]!["loc"]!.ToJsonString(), Is.EqualTo("""["body","payment_status"]"""));
        var (missing, _) = await App.Orders.PostJson($"/api/v1/orders/{id}/webhook", new { payment_status = "completed" });
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var (badPath, pathBody) = await App.Orders.PostJson("/api/v1/orders/abc/webhook", new { payment_status = "x" });
        Assert.That(badPath.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(pathBody["detail"]![0]!["loc"]!.ToJsonString(), Is.EqualTo("""["path","order_id"]"""));
    }

    [Test]
    public async Task Given_a_refund_made_at_payments_directly_Then_the_order_is_cancelled_with_one_email()
    {
        var id = await Orders.InStatus("paid");
        var payment = await Orders.Payment(id);
        var (refund, _) = await App.Payments.PostJson("/api/v1/payments/refund", new { payment_id = (int)payment!["id"]!, reason = "customer asked" });
        Assert.That(refund.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)(await App.Orders.GetJson($"/api/v1/orders/{id}")).Body["status"], Is.EqualTo("cancelled"));
        Assert.That(await Orders.Emails(id), Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_CANCELLED" }));
    }
}

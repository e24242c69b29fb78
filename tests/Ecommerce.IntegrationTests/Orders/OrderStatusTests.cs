using System.Net;

namespace Ecommerce.IntegrationTests.Orders;

[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
[TestFixture(TestStore.SqlServer)]
public sealed class OrderStatusTests(string provider) : OrdersFixture(provider)
{
    [Test]
    public async Task Given_a_paid_order_Then_it_ships_and_is_delivered_with_an_email_each()
    {
        var id = await Orders.InStatus("delivered");
        Assert.That(await Orders.Emails(id), Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_SHIPPED", "ORDER_DELIVERED" }));
    }

    // Every forbidden PUT (D12); pending→cancelled, paid→shipped/cancelled and shipped→delivered are covered elsewhere.
    [TestCase("pending", "shipped")]
    [TestCase("pending", "delivered")]
    [TestCase("pending", "paid")]
    [TestCase("pending", "pending")]
    [TestCase("paid", "paid")]
    [TestCase("paid", "delivered")]
    [TestCase("paid", "pending")]
    [TestCase("shipped", "cancelled")]
    [TestCase("shipped", "paid")]
    [TestCase("shipped", "shipped")]
    [TestCase("delivered", "shipped")]
    [TestCase("delivered", "cancelled")]
    [TestCase("cancelled", "paid")]
    [TestCase("cancelled", "shipped")]
    [TestCase("cancelled", "cancelled")]
    public async Task Given_a_forbidden_change_Then_400_with_the_contract_message_and_nothing_changes(string from, string to)
    {
        var id = await Orders.InStatus(from);
        var emails = await Orders.Emails(id);
        var (response, body) = await App.Orders.PutJson($"/api/v1/orders/{id}/status", new { status = to });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)body["detail"], Is.EqualTo($"Cannot change order status from '{from}' to '{to}'"));
        Assert.That((string?)(await App.Orders.GetJson($"/api/v1/orders/{id}")).Body["status"], Is.EqualTo(from));
        Assert.That(await Orders.Emails(id), Is.EqualTo(emails));
    }

    [Test]
    public async Task Given_a_status_outside_the_five_Then_422()
    {
        var id = await Orders.InStatus("paid");
        var (response, body) = await App.Orders.PutJson($"/api/v1/orders/{id}/status", new { status = "lost" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((string?)body["detail"]![0]!["type"], Is.EqualTo("enum"));
        var (unknown, _) = await App.Orders.PutJson("/api/v1/orders/999999/status", new { status = "shipped" });
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Given_a_paid_order_Then_delete_cancels_refunds_and_sends_one_cancellation()
    {
        var id = await Orders.InStatus("paid");
        var (response, order) = await App.Orders.DeleteJson($"/api/v1/orders/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)order["status"], Is.EqualTo("cancelled"));
        Assert.That((string?)(await Orders.Payment(id))!["status"], Is.EqualTo("refunded"));
        Assert.That(await Orders.Emails(id), Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_CANCELLED" }));
        // Still readable: nothing is ever hard-deleted (D14).
        Assert.That((string?)(await App.Orders.GetJson($"/api/v1/orders/{id}")).Body["status"], Is.EqualTo("cancelled"));

        var (again, detail) = await App.Orders.DeleteJson($"/api/v1/orders/{id}");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)detail["detail"], Is.EqualTo("Cannot change order status from 'cancelled' to 'cancelled'"));
    }

    [Test]
    public async Task Given_a_pending_order_Then_put_cancelled_cancels_without_refund()
    {
        var id = await Orders.InStatus("pending");
        var (response, order) = await App.Orders.PutJson($"/api/v1/orders/{id}/status", new { status = "cancelled" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)order["status"], Is.EqualTo("cancelled"));
        Assert.That(await Orders.Payment(id), Is.Null);
        Assert.That(await Orders.Emails(id), Is.EqualTo(new[] { "PAYMENT_FAILED", "ORDER_CANCELLED" }));
    }

    [Test]
    public async Task Given_two_simultaneous_cancels_Then_one_wins_and_the_other_gets_400()
    {
        for (var round = 0; round < 3; round++)
        {
            var id = await Orders.InStatus("paid");
            var responses = await Task.WhenAll(App.Orders.DeleteAsync($"/api/v1/orders/{id}"), App.Orders.DeleteAsync($"/api/v1/orders/{id}"));
            Assert.That(responses.Select(r => r.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest }));
            Assert.That((await Orders.Emails(id)).Count(e => e == "ORDER_CANCELLED"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Given_two_simultaneous_ship_requests_Then_exactly_one_succeeds()
    {
        var id = await Orders.InStatus("paid");
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            App.Orders.PutAsync($"/api/v1/orders/{id}/status", Http.Json(new { status = "shipped" }))));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest), Is.EqualTo(3));
        Assert.That((await Orders.Emails(id)).Count(e => e == "ORDER_SHIPPED"), Is.EqualTo(1));
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace Ecommerce.IntegrationTests.Orders;

/// <summary>
/// A client cancels an order while its payment is still being made (Payments held back by a delay fault): the payment
/// then completes for an order already cancelled. The money must come back and no confirmation go out.
/// </summary>
[TestFixture]
public sealed class CancelRacingPaymentTests() : HostFixture(TestStore.Sqlite, new Dictionary<string, string?> { ["Testing:Enabled"] = "true" })
{
    [Test]
    public async Task Given_a_cancel_while_the_payment_is_in_flight_Then_the_completed_payment_is_refunded_and_only_the_cancellation_is_emailed()
    {
        var (fault, _) = await App.Payments.PostJson("/testing/faults",
            new { mode = "delay", delay_ms = 3000, method = "POST", path = "/api/v1/payments", count = 1 });
        Assert.That(fault.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var creating = App.Orders.PostJson("/api/v1/orders/", Requests.Order(email: "race@example.com"));
        int? id = null;
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            var orders = (await App.Orders.GetJson("/api/v1/orders/?customer_email=race@example.com")).Body.AsArray();
            id = orders.Count == 1 ? (int)orders[0]!["id"]! : null;
            return id is not null;
        }, TimeSpan.FromSeconds(10)), "the order is stored before its payment is asked for");

        var (cancelled, cancelledOrder) = await App.Orders.DeleteJson($"/api/v1/orders/{id}");
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.OK), cancelledOrder.ToJsonString());
        Assert.That((string?)cancelledOrder["status"], Is.EqualTo("cancelled"));

        var (created, order) = await creating;
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)order["status"], Is.EqualTo("cancelled"), "the answer tells what the order became");

        Assert.That(await Eventually.TrueAsync(async () =>
        {
            var (response, payment) = await App.Payments.GetJson($"/api/v1/payments/order/{id}");
            return response.IsSuccessStatusCode && (string?)payment["status"] == "refunded";
        }, TimeSpan.FromSeconds(30)), "the payment that completed after the cancellation is refunded");
        var (_, orderNow) = await App.Orders.GetJson($"/api/v1/orders/{id}");
        Assert.That((string?)orderNow["status"], Is.EqualTo("cancelled"));
        var emails = (await App.Notifications.GetJson($"/api/v1/notifications/order/{id}")).Body.AsArray();
        Assert.That(emails.Select(e => (string?)e!["template_name"]), Is.EqualTo(new[] { "ORDER_CANCELLED" }));
    }

    [Test]
    public async Task Given_a_cancel_while_a_bulk_import_pays_its_chunk_Then_that_payment_is_refunded_and_only_the_others_are_confirmed()
    {
        var (fault, _) = await App.Payments.PostJson("/testing/faults",
            new { mode = "delay", delay_ms = 3000, method = "POST", path = "/api/v1/payments/batch", count = 1 });
        Assert.That(fault.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var email = $"bulk-race-{Guid.NewGuid():N}@example.com";
        var importing = App.Orders.PostJson("/api/v1/orders/bulk",
            new { orders = Enumerable.Range(0, 3).Select(_ => Requests.Order(email: email)).ToArray() });
        List<int> ids = [];
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            var orders = (await App.Orders.GetJson($"/api/v1/orders/?customer_email={email}")).Body.AsArray();
            ids = orders.Select(o => (int)o!["id"]!).Order().ToList();
            return ids.Count == 3;
        }, TimeSpan.FromSeconds(10)), "the chunk is stored before its payments are asked for");

        var (cancelled, cancelledOrder) = await App.Orders.DeleteJson($"/api/v1/orders/{ids[0]}");
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.OK), cancelledOrder.ToJsonString());

        var (imported, answer) = await importing;
        Assert.That(imported.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer.ToJsonString());
        var statuses = answer["results"]!.AsArray().ToDictionary(r => (int)r!["order"]!["id"]!, r => (string?)r!["order"]!["status"]);
        Assert.That(statuses, Is.EqualTo(new Dictionary<int, string?> { [ids[0]] = "cancelled", [ids[1]] = "paid", [ids[2]] = "paid" }),
            "the answer tells what each order became");

        Assert.That(await Eventually.TrueAsync(async () =>
        {
            var (response, payment) = await App.Payments.GetJson($"/api/v1/payments/order/{ids[0]}");
            return response.IsSuccessStatusCode && (string?)payment["status"] == "refunded";
        }, TimeSpan.FromSeconds(30)), "the payment that completed after the cancellation is refunded");
        Assert.That(await Templates(ids[0]), Is.EqualTo(new[] { "ORDER_CANCELLED" }));
        Assert.That(await Templates(ids[1]), Is.EqualTo(new[] { "ORDER_CONFIRMATION" }));
        Assert.That((string?)(await App.Payments.GetJson($"/api/v1/payments/order/{ids[1]}")).Body["status"], Is.EqualTo("completed"));
    }

    private async Task<List<string?>> Templates(int orderId) =>
        (await App.Notifications.GetJson($"/api/v1/notifications/order/{orderId}")).Body.AsArray().Select(e => (string?)e!["template_name"]).ToList();

    [Test]
    public async Task Given_a_refund_webhook_and_a_cancel_at_the_same_moment_Then_the_order_is_cancelled_once_with_one_email()
    {
        for (var round = 0; round < 5; round++)
        {
            var (_, order) = await App.Orders.PostJson("/api/v1/orders/", Requests.Order());
            var id = (int)order["id"]!;
            var webhook = App.Orders.PostJson($"/api/v1/orders/{id}/webhook", new { payment_status = "refunded", transaction_id = $"txn-{id}" });
            var cancel = App.Orders.DeleteJson($"/api/v1/orders/{id}");
            var answers = await Task.WhenAll(webhook, cancel);
            // The webhook always ends it cancelled (200); the cancel either wins (200) or finds it cancelled already (400).
            Assert.That(answers[0].Response.StatusCode, Is.EqualTo(HttpStatusCode.OK), answers[0].Body.ToJsonString());
            Assert.That(answers[1].Response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.BadRequest), answers[1].Body.ToJsonString());
            var (_, now) = await App.Orders.GetJson($"/api/v1/orders/{id}");
            Assert.That((string?)now["status"], Is.EqualTo("cancelled"));
            var emails = (await App.Notifications.GetJson($"/api/v1/notifications/order/{id}")).Body.AsArray()
                .Select(e => (string?)e!["template_name"]).ToList();
            Assert.That(emails.Count(t => t == "ORDER_CANCELLED"), Is.EqualTo(1), string.Join(",", emails));
        }
    }
}

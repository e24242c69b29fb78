using System.Net;
using System.Text.Json.Nodes;

namespace Ecommerce.IntegrationTests.Orders;

/// <summary>Puts orders into each status through the public API, and reads what the other services hold about them.</summary>
public sealed class OrderScenario(EcommerceApp app)
{
    public async Task<JsonNode> Create(decimal unitPrice = 89800.0m)
    {
        var (response, order) = await app.Orders.PostJson("/api/v1/orders/", Requests.Order(unitPrice));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), order.ToJsonString());
        return order;
    }

    /// <summary>An order in the given status: pending ones are made by an amount Payments refuses.</summary>
    public async Task<int> InStatus(string status)
    {
        var order = await Create(status == "pending" ? 600_000m : 89800.0m);
        var id = (int)order["id"]!;
        var path = status switch
        {
            "pending" or "paid" => [],
            "shipped" => ["shipped"],
            "delivered" => ["shipped", "delivered"],
            "cancelled" => new[] { "cancelled" },
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var next in path)
        {
            var (response, body) = await app.Orders.PutJson($"/api/v1/orders/{id}/status", new { status = next });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        }
        Assert.That((string?)(await app.Orders.GetJson($"/api/v1/orders/{id}")).Body["status"], Is.EqualTo(status));
        return id;
    }

    public async Task<List<string>> Emails(int orderId) =>
        (await app.Notifications.GetJson($"/api/v1/notifications/order/{orderId}")).Body.AsArray()
        .Select(n => (string)n!["template_name"]!).ToList();

    public async Task<JsonNode?> Payment(int orderId)
    {
        var (response, body) = await app.Payments.GetJson($"/api/v1/payments/order/{orderId}");
        return response.StatusCode == HttpStatusCode.OK ? body : null;
    }
}

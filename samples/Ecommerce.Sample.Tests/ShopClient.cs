using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ecommerce.Sample.Tests;

/// <summary>The client team's own typed client of the Orders and Notifications APIs (snake_case JSON, as the original served it).</summary>
public sealed class ShopClient(Uri ordersApi, Uri notificationsApi) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly HttpClient _orders = new() { BaseAddress = ordersApi };
    private readonly HttpClient _notifications = new() { BaseAddress = notificationsApi };

    public async Task<Order> PlaceOrderAsync(string email, params Item[] items)
    {
        using var response = await _orders.PostAsJsonAsync("orders/", new NewOrder(email, "Test Customer", items, "JPY"), Json);
        if (response.StatusCode != HttpStatusCode.Created) throw new HttpRequestException($"POST /orders/: {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<Order>(Json))!;
    }

    public async Task<Order> GetOrderAsync(int id) => (await _orders.GetFromJsonAsync<Order>($"orders/{id}", Json))!;

    public async Task<IReadOnlyList<Notification>> NotificationsOfAsync(int orderId) =>
        (await _notifications.GetFromJsonAsync<List<Notification>>($"notifications/order/{orderId}", Json))!;

    public void Dispose()
    {
        _orders.Dispose();
        _notifications.Dispose();
    }
}

public sealed record Item(string ProductName, int Quantity, decimal UnitPrice);

public sealed record NewOrder(string CustomerEmail, string CustomerName, IReadOnlyList<Item> Items, string Currency);

public sealed record Order(int Id, string CustomerEmail, string Status, decimal TotalAmount, string Currency);

public sealed record Notification(int Id, int OrderId, string TemplateName, string Recipient);

using Ecommerce.GeneratedClient.Orders;
using Ecommerce.Testing;
using NotificationsClient = Ecommerce.GeneratedClient.Notifications.NotificationsClient;
using PaymentsClient = Ecommerce.GeneratedClient.Payments.PaymentsClient;

namespace Ecommerce.GeneratedClientTests;

/// <summary>The clients NSwag generated from docs/openapi/ against the real host: typed ids, paging, typed errors.</summary>
[TestFixture]
public sealed class GeneratedClientTests
{
    private EcommerceHost _shop = null!;
    private HttpClient _http = null!;
    private OrdersClient _orders = null!;
    private PaymentsClient _payments = null!;
    private NotificationsClient _notifications = null!;

    [OneTimeSetUp]
    public async Task StartShop()
    {
        _shop = await EcommerceHost.StartAsync();
        _http = new HttpClient();
        // The documents name no server: a client's base URL is wherever it reaches the API.
        _orders = new OrdersClient(_shop.OrdersUrl.ToString(), _http);
        _payments = new PaymentsClient(_shop.PaymentsUrl.ToString(), _http);
        _notifications = new NotificationsClient(_shop.NotificationsUrl.ToString(), _http);
    }

    [OneTimeTearDown]
    public async Task StopShop()
    {
        _http?.Dispose();
        if (_shop is not null) await _shop.DisposeAsync();
    }

    [SetUp]
    public Task CleanShop() => _shop.ResetAsync();

    [Test]
    public async Task An_order_is_created_read_listed_shipped_and_its_payment_and_emails_read()
    {
        var created = await _orders.CreateOrderAsync(body: NewOrder("ノートPC", 2, 89800.0));
        int id = created.Id; // an int, as the path parameter is declared
        Assert.That(created.Status, Is.EqualTo("paid"));
        Assert.That(created.Total_amount, Is.EqualTo(179600.0));
        Assert.That(created.Created_at.Offset, Is.EqualTo(TimeSpan.Zero));

        var read = await _orders.GetOrderAsync(id);
        Assert.That(read.Items.Single().Product_name, Is.EqualTo("ノートPC"));

        await _orders.CreateOrderAsync(body: NewOrder("マウス", 1, 3500.0));
        var secondPage = await _orders.ListOrdersAsync(skip: 1, limit: 1);
        Assert.That(secondPage.Select(o => o.Id), Is.EqualTo(new[] { id + 1 }));
        var paid = await _orders.ListOrdersAsync(status: Status.Paid);
        Assert.That(paid, Has.Count.EqualTo(2));

        var shipped = await _orders.UpdateOrderStatusAsync(id, new UpdateStatusRequest { Status = UpdateStatusRequestStatus.Shipped });
        Assert.That(shipped.Status, Is.EqualTo("shipped"));

        var payment = await _payments.GetPaymentByOrderAsync(id);
        Assert.That((payment.Order_id, payment.Status, payment.Amount), Is.EqualTo((id, "completed", 179600.0)));
        var byId = await _payments.GetPaymentAsync(payment.Id);
        Assert.That(byId.Transaction_id, Is.EqualTo(payment.Transaction_id));

        var emails = await _notifications.GetOrderNotificationsAsync(id);
        Assert.That(emails.Select(e => e.Template_name), Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_SHIPPED" }));
    }

    [Test]
    public async Task A_cancelled_order_is_refunded()
    {
        var created = await _orders.CreateOrderAsync(body: NewOrder("マウス", 1, 3500.0));
        var cancelled = await _orders.CancelOrderAsync(created.Id);
        Assert.That(cancelled.Status, Is.EqualTo("cancelled"));
        Assert.That((await _payments.GetPaymentByOrderAsync(created.Id)).Status, Is.EqualTo("refunded"));
    }

    [Test]
    public void A_validation_error_is_a_typed_exception_with_fastapis_entries()
    {
        var order = NewOrder("マウス", 1, 3500.0);
        order.Customer_name = "";
        var error = Assert.ThrowsAsync<ApiException<HTTPValidationError>>(() => _orders.CreateOrderAsync(body: order))!;
        Assert.That(error.StatusCode, Is.EqualTo(422));
        var entry = error.Result.Detail.Single();
        Assert.That(entry.Type, Is.EqualTo("string_too_short"));
        Assert.That(entry.Loc.Select(part => part.ToString()), Is.EqualTo(new[] { "body", "customer_name" }));
    }

    [Test]
    public void An_unknown_id_is_a_typed_404()
    {
        var error = Assert.ThrowsAsync<ApiException<ErrorDetail>>(() => _orders.GetOrderAsync(999))!;
        Assert.That((error.StatusCode, error.Result.Detail), Is.EqualTo((404, "Order not found")));
    }

    private static CreateOrderRequest NewOrder(string product, int quantity, double unitPrice) => new()
    {
        Customer_email = "tanaka@example.co.jp",
        Customer_name = "田中太郎",
        Items = [new OrderItemRequest { Product_name = product, Quantity = quantity, Unit_price = unitPrice }],
    };
}

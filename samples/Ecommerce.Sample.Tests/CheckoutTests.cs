using Ecommerce.Testing;

namespace Ecommerce.Sample.Tests;

/// <summary>
/// How a client team tests its checkout against the real product: one host for the fixture, a reset before each test
/// (ids start at 1 again), and faults to see how the checkout copes when Payments or Notifications misbehave.
/// </summary>
[TestFixture]
public sealed class CheckoutTests
{
    private EcommerceHost _shop = null!;
    private ShopClient _client = null!;

    [OneTimeSetUp]
    public async Task StartShop()
    {
        _shop = await EcommerceHost.StartAsync();
        _client = new ShopClient(_shop.ApiOf(EcommerceModule.Orders), _shop.ApiOf(EcommerceModule.Notifications));
    }

    [OneTimeTearDown]
    public async Task StopShop()
    {
        _client?.Dispose();
        if (_shop is not null) await _shop.DisposeAsync();
    }

    [SetUp]
    public Task CleanShop() => _shop.ResetAsync();

    [Test]
    public async Task A_checkout_is_paid_and_confirmed()
    {
        var order = await _client.PlaceOrderAsync("buyer@example.com", new Item("Laptop", 1, 89800m));
        Assert.That(order.Id, Is.EqualTo(1), "each test starts from an empty shop");
        Assert.That(order.Status, Is.EqualTo("paid"));
        Assert.That(order.TotalAmount, Is.EqualTo(89800m));
        var emails = await _client.NotificationsOfAsync(order.Id);
        Assert.That(emails.Select(e => e.TemplateName), Is.EqualTo(new[] { "ORDER_CONFIRMATION" }));
    }

    [Test]
    public async Task When_payments_fails_once_the_order_waits_and_the_customer_is_told()
    {
        await _shop.InjectFaultAsync(EcommerceModule.Payments, Fault.Error(500, count: 1, method: "POST", path: "/api/v1/payments"));
        var failed = await _client.PlaceOrderAsync("buyer@example.com", new Item("Laptop", 1, 89800m));
        Assert.That(failed.Status, Is.EqualTo("pending"));
        Assert.That((await _client.NotificationsOfAsync(failed.Id)).Select(e => e.TemplateName), Is.EqualTo(new[] { "PAYMENT_FAILED" }));

        var next = await _client.PlaceOrderAsync("buyer@example.com", new Item("Mouse", 1, 3500m));
        Assert.That(next.Status, Is.EqualTo("paid"), "the fault was for one request");
    }

    [Test]
    public async Task Two_shops_run_side_by_side_without_sharing_anything()
    {
        await using var other = await EcommerceHost.StartAsync();
        using var otherClient = new ShopClient(other.ApiOf(EcommerceModule.Orders), other.ApiOf(EcommerceModule.Notifications));
        Assert.That(other.OrdersUrl, Is.Not.EqualTo(_shop.OrdersUrl));

        await _client.PlaceOrderAsync("first@example.com", new Item("Laptop", 1, 89800m));
        await _client.PlaceOrderAsync("first@example.com", new Item("Laptop", 1, 89800m));
        var elsewhere = await otherClient.PlaceOrderAsync("second@example.com", new Item("Pen", 3, 120m));

        Assert.That(elsewhere.Id, Is.EqualTo(1), "its own store");
        Assert.That((await _client.GetOrderAsync(1)).CustomerEmail, Is.EqualTo("first@example.com"));
        Assert.That((await otherClient.GetOrderAsync(1)).CustomerEmail, Is.EqualTo("second@example.com"));
    }
}

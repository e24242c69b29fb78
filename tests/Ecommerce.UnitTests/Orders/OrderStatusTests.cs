using Ecommerce.Orders.Domain;

namespace Ecommerce.UnitTests.Orders;

public sealed class OrderStatusTests
{
    private static readonly (string From, string To)[] Allowed =
    [
        ("pending", "paid"), ("pending", "cancelled"), ("paid", "shipped"), ("paid", "cancelled"), ("shipped", "delivered"),
    ];

    [Test]
    public void Given_every_pair_of_statuses_Then_only_d12s_changes_are_allowed()
    {
        foreach (var from in OrderStatus.All)
        foreach (var to in OrderStatus.All)
            Assert.That(OrderStatus.CanChange(from, to), Is.EqualTo(Allowed.Contains((from, to))), $"{from} → {to}");
    }

    private static Order In(string status)
    {
        var order = Order.Place("tanaka@example.co.jp", "田中太郎", "JPY", [OrderItem.Of("ノートPC", 1, 89800m)], DateTime.UtcNow);
        order.Moved(status, DateTime.UtcNow);
        return order;
    }

    [Test]
    public void Given_a_client_asking_for_paid_Then_the_order_refuses_even_from_pending() =>
        Assert.That(In("pending").RefusesClientMove("paid"), Is.EqualTo("Cannot change order status from 'pending' to 'paid'"));

    [TestCase("paid", "paid")]
    [TestCase("shipped", "cancelled")]
    [TestCase("delivered", "shipped")]
    [TestCase("cancelled", "cancelled")]
    public void Given_a_forbidden_change_Then_the_order_refuses_in_the_contracts_words(string from, string to) =>
        Assert.That(In(from).RefusesClientMove(to), Is.EqualTo($"Cannot change order status from '{from}' to '{to}'"));

    [TestCase("pending", "cancelled")]
    [TestCase("paid", "shipped")]
    [TestCase("shipped", "delivered")]
    public void Given_an_allowed_change_Then_the_order_takes_it(string from, string to) => Assert.That(In(from).RefusesClientMove(to), Is.Null);

    [TestCase("pending", null)]
    [TestCase("paid", null)]
    [TestCase("shipped", "Cannot change order status from 'shipped' to 'paid'")]
    [TestCase("cancelled", "Cannot change order status from 'cancelled' to 'paid'")]
    public void Given_a_completed_payment_Then_only_a_pending_or_paid_order_takes_it(string status, string? refusal) =>
        Assert.That(In(status).RefusesPayment(), Is.EqualTo(refusal));
}

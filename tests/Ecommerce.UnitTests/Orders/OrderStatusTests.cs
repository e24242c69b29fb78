using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Errors;

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

    [Test]
    public void Given_a_client_asking_for_paid_Then_it_is_refused_even_from_pending()
    {
        var error = Assert.Throws<ApiException>(() => OrderStatus.EnsureClientMayChange("pending", "paid"));
        Assert.That(error!.StatusCode, Is.EqualTo(400));
        Assert.That(error.Detail, Is.EqualTo("Cannot change order status from 'pending' to 'paid'"));
    }

    [TestCase("paid", "paid")]
    [TestCase("shipped", "cancelled")]
    [TestCase("delivered", "shipped")]
    [TestCase("cancelled", "cancelled")]
    public void Given_a_forbidden_change_Then_the_contract_message(string from, string to) =>
        Assert.That(Assert.Throws<ApiException>(() => OrderStatus.EnsureClientMayChange(from, to))!.Detail,
            Is.EqualTo($"Cannot change order status from '{from}' to '{to}'"));
}

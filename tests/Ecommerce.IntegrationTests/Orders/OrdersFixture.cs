namespace Ecommerce.IntegrationTests.Orders;

/// <summary>One whole host per fixture, and the scenario helper that puts its orders into each status.</summary>
public abstract class OrdersFixture : HostFixture
{
    private OrderScenario? _orders;

    protected OrderScenario Orders => _orders ??= new OrderScenario(App);
}

namespace Ecommerce.IntegrationTests.Orders;

/// <summary>One whole host per fixture, and the scenario helper that puts its orders into each status.</summary>
public abstract class OrdersFixture(string provider) : HostFixture(provider)
{
    private OrderScenario? _orders;

    protected OrderScenario Orders => _orders ??= new OrderScenario(App);
}

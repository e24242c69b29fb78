namespace Ecommerce.IntegrationTests.Orders;

/// <summary>One whole host per fixture, and the scenario helper that puts its orders into each status.</summary>
public abstract class OrdersFixture
{
    protected EcommerceApp App { get; private set; } = null!;
    protected OrderScenario Orders { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        App = new EcommerceApp();
        Orders = new OrderScenario(App);
    }

    [OneTimeTearDown]
    public async Task StopHost() => await App.DisposeAsync();
}

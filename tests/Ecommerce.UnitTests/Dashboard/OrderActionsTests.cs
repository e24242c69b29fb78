using Ecommerce.Dashboard.Api;

namespace Ecommerce.UnitTests.Dashboard;

public sealed class OrderActionsTests
{
    [TestCase("pending", new[] { OrderAction.Cancel })]
    [TestCase("paid", new[] { OrderAction.Ship, OrderAction.Cancel })]
    [TestCase("shipped", new[] { OrderAction.Deliver })]
    [TestCase("delivered", new OrderAction[0])]
    [TestCase("cancelled", new OrderAction[0])]
    public void Given_a_status_Then_only_the_changes_the_api_allows_a_client_are_offered(string status, OrderAction[] expected) =>
        Assert.That(ApiVocabulary.ActionsFor(status), Is.EqualTo(expected));
}

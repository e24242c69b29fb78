using System.Text.Json.Nodes;
using Ecommerce.IntegrationTests.Orders;
using Microsoft.Extensions.Time.Testing;

namespace Ecommerce.IntegrationTests.Payments;

/// <summary>The webhooks Orders missed are told again later, and an Orders that gives no answer is not called once per webhook.</summary>
[TestFixture]
public sealed class OwedWebhookTests
{
    [Test]
    public async Task Given_an_Orders_that_takes_connections_and_never_answers_Then_a_round_of_owed_webhooks_calls_it_once()
    {
        using var silent = new SilentServer(); // where Payments sends its webhooks: taken, never answered
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // the dispatcher's rounds come only when the test moves it
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Services:Orders:BaseUrl"] = $"http://127.0.0.1:{silent.Port}/api/v1",
            ["Services:Orders:TimeoutSeconds"] = "1",
        }, clock);
        var scenario = new OrderScenario(app);
        foreach (var _ in Enumerable.Range(1, 4)) await scenario.Create();
        var owed = await Owed(app);
        Assert.That(owed.Select(w => (int)w["attempts"]!), Is.EqualTo(new[] { 1, 1, 1, 1 }), "each payment's own webhook timed out");
        var before = silent.Connections;

        clock.Advance(TimeSpan.FromSeconds(5)); // all four due: one round takes them
        Assert.That(await Eventually.TrueAsync(async () => (await Owed(app)).All(w => (int)w["attempts"]! == 2), TimeSpan.FromSeconds(60)), Is.True);

        Assert.That(silent.Connections - before, Is.EqualTo(1), "one call for the round, not one (and one timeout) per webhook");
        Assert.That((await Owed(app)).Select(w => (string?)w["last_error"]), Has.All.Not.Empty, "each waits with the reason");
    }

    private static async Task<List<JsonNode>> Owed(EcommerceApp app) =>
        (await app.Payments.GetJson("/api/v1/payments/owed")).Body["steps"]!.AsArray().Select(s => s!).ToList();
}

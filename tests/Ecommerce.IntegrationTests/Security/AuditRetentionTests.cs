using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Ecommerce.IntegrationTests.Security;

/// <summary>
/// Audit:RetentionDays bounds every kept log of a module, on a clock the test moves: the audit rows of Orders and
/// Payments and Orders' attempt log lose what is older than the retention once a later write sweeps (at most hourly).
/// </summary>
[TestFixture]
public sealed class AuditRetentionTests() : HostFixture(settings: new Dictionary<string, string?>
{
    ["Audit:RetentionDays"] = "1",
    ["Testing:Enabled"] = "true",
})
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override TimeProvider Clock => _clock;

    private async Task<JsonArray> Get(HttpClient client, string url) => (await client.GetJson(url)).Body.AsArray();

    [Test]
    public async Task Rows_older_than_the_retention_go_at_the_next_sweep_and_newer_ones_stay()
    {
        await App.Notifications.PostJson("/testing/faults", new { mode = "error", status = 429, method = "POST", path = "/api/v1/notifications/email", count = 1 });
        var (_, old) = await App.Orders.PostJson("/api/v1/orders", Requests.Order());
        var oldId = (int)old["id"]!;
        Assert.That((await Get(App.Orders, $"/api/v1/orders/{oldId}/attempts")).Select(a => (string?)a!["outcome"]), Is.EqualTo(new[] { "not taken" }));
        Assert.That(await Get(App.Orders, $"/api/v1/orders/audit?subject=order%20{oldId}"), Is.Not.Empty);

        _clock.Advance(TimeSpan.FromHours(25));
        var (_, fresh) = await App.Orders.PostJson("/api/v1/orders", Requests.Order());
        var freshId = (int)fresh["id"]!;

        Assert.That(await Get(App.Orders, $"/api/v1/orders/audit?subject=order%20{oldId}"), Is.Empty, "a day and an hour old: swept");
        Assert.That(await Get(App.Payments, $"/api/v1/payments/audit?subject=order%20{oldId}"), Is.Empty);
        Assert.That(await Get(App.Orders, $"/api/v1/orders/audit?subject=order%20{freshId}"), Is.Not.Empty);
        // The owed email goes out now (its next attempt was due long ago): its "done" is written, its old "not taken" swept.
        // The clock moves a second at each look: a worker's round that was under way at the jump above waits for it again.
        Assert.That(await Eventually.TrueAsync(async () =>
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
                return (await Get(App.Orders, $"/api/v1/orders/{oldId}/attempts")).Select(a => (string?)a!["outcome"]).SequenceEqual(["done"]);
            },
            TimeSpan.FromSeconds(30)), Is.True);
    }
}

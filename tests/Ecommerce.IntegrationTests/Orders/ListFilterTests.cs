using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Ecommerce.IntegrationTests.Orders;

/// <summary>
/// The lists' additive filters, on every provider: a customer by a prefix of their email or name (any case, Japanese too),
/// a payment by a prefix of its transaction id, and a creation window (from, to) on orders, payments, notifications and
/// the audit logs. Three orders in a fresh host: two of Tanaka's, one of Suzuki's.
/// </summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
[TestFixture(TestStore.SqlServer)]
public sealed class ListFilterTests(string provider) : HostFixture(provider, new Dictionary<string, string?> { ["Notifications:RateLimitPerSecond"] = "1000" })
{
    private readonly List<int> _tanaka = [];
    private int _suzuki;
    private string _before = "", _after = "";

    [OneTimeSetUp]
    public async Task SeedOrders()
    {
        _before = Iso(DateTime.UtcNow.AddMinutes(-1));
        for (var i = 0; i < 2; i++) _tanaka.Add(await Create("Tanaka.Taro@Example.co.jp", "田中太郎"));
        _suzuki = await Create("suzuki@example.co.jp", "Suzuki Hanako");
        _after = Iso(DateTime.UtcNow.AddMinutes(1));
    }

    private async Task<int> Create(string email, string name)
    {
        var (response, order) = await App.Orders.PostJson("/api/v1/orders", new
        {
            customer_email = email, customer_name = name, currency = "JPY",
            items = new[] { new { product_name = "ノートPC", quantity = 1, unit_price = 89800.0m } },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), order.ToJsonString());
        return (int)order["id"]!;
    }

    private static string Iso(DateTime utc) => Uri.EscapeDataString(utc.ToString("O", CultureInfo.InvariantCulture));

    private async Task<List<int>> Ids(HttpClient client, string url, string field = "id")
    {
        var (response, body) = await client.GetJson(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return body.AsArray().Select(n => (int)n![field]!).ToList();
    }

    [TestCase("tanaka")]
    [TestCase("TANAKA.t")]
    [TestCase("田中")]
    public async Task Orders_of_a_customer_by_a_prefix_of_their_email_or_name_in_any_case(string prefix) =>
        Assert.That(await Ids(App.Orders, $"/api/v1/orders/?customer={Uri.EscapeDataString(prefix)}"), Is.EqualTo(_tanaka));

    [TestCase("suzuki h")]
    [TestCase("SUZ")]
    public async Task A_name_prefix_finds_the_other_customer(string prefix) =>
        Assert.That(await Ids(App.Orders, $"/api/v1/orders/?customer={Uri.EscapeDataString(prefix)}"), Is.EqualTo(new[] { _suzuki }));

    [TestCase("%")]
    [TestCase("_anaka")]
    [TestCase("example")]
    public async Task Wildcards_are_plain_characters_and_only_prefixes_match(string text) =>
        Assert.That(await Ids(App.Orders, $"/api/v1/orders/?customer={Uri.EscapeDataString(text)}"), Is.Empty);

    [Test]
    public async Task A_payment_by_a_prefix_of_its_transaction_id_in_any_case()
    {
        var (_, payment) = await App.Payments.GetJson($"/api/v1/payments/order/{_suzuki}");
        var prefix = ((string)payment["transaction_id"]!)[..8].ToUpperInvariant();
        Assert.That(await Ids(App.Payments, $"/api/v1/payments/?transaction_id={prefix}", "order_id"), Is.EqualTo(new[] { _suzuki }));
    }

    [Test]
    public async Task A_creation_window_bounds_every_list()
    {
        var all = _tanaka.Append(_suzuki).ToList();
        Assert.That(await Ids(App.Orders, $"/api/v1/orders/?from={_before}&to={_after}"), Is.EqualTo(all));
        Assert.That(await Ids(App.Orders, $"/api/v1/orders/?from={_after}"), Is.Empty);
        Assert.That(await Ids(App.Orders, $"/api/v1/orders/?to={_before}"), Is.Empty);
        Assert.That(await Ids(App.Payments, $"/api/v1/payments/?from={_before}&to={_after}", "order_id"), Is.EqualTo(all));
        Assert.That(await Ids(App.Payments, $"/api/v1/payments/?to={_before}", "order_id"), Is.Empty);
        Assert.That(await Ids(App.Notifications, $"/api/v1/notifications/?from={_before}&template_name=ORDER_CONFIRMATION", "order_id"), Is.EqualTo(all));
        Assert.That(await Ids(App.Notifications, $"/api/v1/notifications/?from={_after}", "order_id"), Is.Empty);
        Assert.That(await Ids(App.Notifications, $"/api/v1/notifications/deliveries?from={_after}", "notification_id"), Is.Empty);
        Assert.That(await Ids(App.Orders, $"/api/v1/orders/audit?from={_before}&action=order.created&limit=100"), Has.Count.EqualTo(3));
        Assert.That(await Ids(App.Payments, $"/api/v1/payments/audit?from={_after}"), Is.Empty);
    }

    [Test]
    public async Task After_id_pages_on_from_the_last_id_seen()
    {
        Assert.That(await Ids(App.Orders, $"/api/v1/orders/?after_id={_tanaka[0]}&limit=1"), Is.EqualTo(new[] { _tanaka[1] }));
        Assert.That(await Ids(App.Orders, $"/api/v1/orders/?after_id={_suzuki}"), Is.Empty);
        var payments = await Ids(App.Payments, "/api/v1/payments/");
        Assert.That(await Ids(App.Payments, $"/api/v1/payments/?after_id={payments[0]}"), Is.EqualTo(payments.Skip(1)));
        var notifications = await Ids(App.Notifications, "/api/v1/notifications/");
        Assert.That(await Ids(App.Notifications, $"/api/v1/notifications/?after_id={notifications[^2]}"), Is.EqualTo(new[] { notifications[^1] }));
        Assert.That(await Ids(App.Notifications, $"/api/v1/notifications/deliveries?after_id={notifications[^2]}", "notification_id"),
            Is.EqualTo(new[] { notifications[^1] }));
    }

    [TestCase("/api/v1/orders/")]
    [TestCase("/api/v1/payments/")]
    [TestCase("/api/v1/notifications/")]
    [TestCase("/api/v1/orders/audit")]
    public async Task A_window_that_ends_before_it_starts_is_a_422_naming_from(string list)
    {
        var (response, body) = await (list.Contains("payments") ? App.Payments : list.Contains("notifications") ? App.Notifications : App.Orders)
            .GetJson($"{list}?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((string)body["detail"]![0]!["loc"]![1]!, Is.EqualTo("from"));
        Assert.That((string)body["detail"]![0]!["msg"]!, Is.EqualTo("Value error, from must be earlier than to"));
    }

    [Test]
    public async Task A_date_that_is_not_a_date_is_the_frameworks_422()
    {
        var (response, body) = await App.Orders.GetJson("/api/v1/orders/?to=yesterday");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((string)body["detail"]![0]!["type"]!, Is.EqualTo("datetime_from_date_parsing"));
    }
}

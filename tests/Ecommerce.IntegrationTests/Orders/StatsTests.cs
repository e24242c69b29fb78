using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Ecommerce.IntegrationTests.Orders;

/// <summary>
/// The stats routes of the three modules (GET /orders/stats, /payments/stats, /notifications/stats) over orders with known
/// totals, made through the public API in a fresh host: three paid, one shipped, one whose payment was refused (pending,
/// PAYMENT_FAILED), one paid then cancelled (refunded). On every provider: each figure is an aggregate the database computes.
/// </summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
[TestFixture(TestStore.SqlServer)]
public sealed class StatsTests(string provider) : HostFixture(provider, new Dictionary<string, string?> { ["Notifications:RateLimitPerSecond"] = "1000" })
{
    private string _period = "";

    [OneTimeSetUp]
    public async Task SeedOrders()
    {
        var orders = new OrderScenario(App);
        var from = DateTime.UtcNow.AddMinutes(-1);
        foreach (var status in new[] { "paid", "paid", "paid", "shipped", "pending", "cancelled" }) await orders.InStatus(status);
        _period = $"from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(DateTime.UtcNow.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture))}";
    }

    [Test]
    public async Task Orders_stats_count_each_status_revenue_of_what_was_charged_and_kept_best_sellers_and_what_needs_someone()
    {
        var (response, stats) = await App.Orders.GetJson($"/api/v1/orders/stats?{_period}&stale_days=1");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), stats.ToJsonString());
        Assert.That((int)stats["orders"]!, Is.EqualTo(6));
        Assert.That(stats["by_status"]!.ToJsonString(), Is.EqualTo("""{"pending":1,"paid":3,"shipped":1,"delivered":0,"cancelled":1}"""));
        // Paid and shipped orders: 4 × (2 × 89,800 + 3,500).
        Assert.That(stats["revenue"]!.ToJsonString(), Is.EqualTo("""[{"currency":"JPY","count":4,"amount":732400.0,"average":183100.0}]"""));
        Assert.That(stats["top_by_quantity"]!.AsArray().Select(p => $"{p!["product_name"]} {p["quantity"]}"), Is.EqualTo(new[] { "ノートPC 8", "マウス 4" }));
        Assert.That(stats["top_by_revenue"]!.AsArray().Select(p => $"{p!["product_name"]} {p["currency"]} {p["revenue"]!.ToJsonString()}"),
            Is.EqualTo(new[] { "ノートPC JPY 718400.0", "マウス JPY 14000.0" }));
        Assert.That(stats["needs_attention"]!.ToJsonString(), Is.EqualTo("""{"pending":1,"paid_not_shipped":0,"stale_days":1}"""));
        Assert.That((string?)stats["bucket"], Is.EqualTo("hour"));
        var series = stats["series"]!.AsArray();
        Assert.That(series.Sum(b => (int)b!["orders"]!), Is.EqualTo(6));
        Assert.That(series.SelectMany(b => b!["revenue"]!.AsArray()).Sum(r => (decimal)r!["amount"]!), Is.EqualTo(732400m));
    }

    [TestCase(0)]
    [TestCase(1)]
    public async Task Top_says_how_many_best_sellers_and_zero_skips_them_leaving_the_totals(int top)
    {
        var (response, stats) = await App.Orders.GetJson($"/api/v1/orders/stats?{_period}&top={top}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), stats.ToJsonString());
        Assert.That((stats["top_by_revenue"]!.AsArray().Count, stats["top_by_quantity"]!.AsArray().Count), Is.EqualTo((top, top)));
        Assert.That((int)stats["orders"]!, Is.EqualTo(6));
    }

    [Test]
    public async Task Payments_stats_count_completed_and_refunded_payments_and_the_refunds_made()
    {
        var (response, stats) = await App.Payments.GetJson($"/api/v1/payments/stats?{_period}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), stats.ToJsonString());
        Assert.That((int)stats["payments"]!, Is.EqualTo(5), "the refused charge left no payment");
        Assert.That(stats["by_status"]!.ToJsonString(), Is.EqualTo("""{"pending":0,"completed":4,"failed":0,"refunded":1}"""));
        Assert.That(stats["completed"]!.ToJsonString(), Is.EqualTo("""[{"currency":"JPY","count":4,"amount":732400.0,"average":183100.0}]"""));
        Assert.That(stats["refunds"]!.ToJsonString(), Is.EqualTo("""[{"currency":"JPY","count":1,"amount":183100.0,"average":183100.0}]"""));
    }

    [Test]
    public async Task Notifications_stats_count_each_template_and_delivery_state()
    {
        var (response, stats) = await App.Notifications.GetJson($"/api/v1/notifications/stats?{_period}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), stats.ToJsonString());
        Assert.That(stats["by_template"]!.ToJsonString(),
            Is.EqualTo("""{"ORDER_CANCELLED":1,"ORDER_CONFIRMATION":5,"ORDER_SHIPPED":1,"PAYMENT_FAILED":1}"""));
        Assert.That(stats["by_delivery_state"]!.ToJsonString(), Is.EqualTo("""{"queued":0,"delivered":0,"failed":0,"logged":8}"""));
    }

    [Test]
    public async Task A_period_before_the_orders_has_none_and_its_buckets_start_where_the_viewers_hours_do()
    {
        // 1 January 2026 in Tokyo (UTC+9), by hour.
        var (response, stats) = await App.Orders.GetJson(
            "/api/v1/orders/stats?from=2026-01-01T00:00:00%2B09:00&to=2026-01-02T00:00:00%2B09:00&bucket=hour&utc_offset=540");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), stats.ToJsonString());
        Assert.That((int)stats["orders"]!, Is.Zero);
        var series = stats["series"]!.AsArray();
        Assert.That(series, Has.Count.EqualTo(24));
        Assert.That((string?)series[0]!["start"], Is.EqualTo("2025-12-31T15:00:00Z"));
        Assert.That((string?)series[23]!["start"], Is.EqualTo("2026-01-01T14:00:00Z"));

        var (days, byDay) = await App.Orders.GetJson("/api/v1/orders/stats?from=2026-01-01T00:00:00%2B09:00&to=2026-01-08T00:00:00%2B09:00&utc_offset=540");
        Assert.That(days.StatusCode, Is.EqualTo(HttpStatusCode.OK), byDay.ToJsonString());
        Assert.That((string?)byDay["bucket"], Is.EqualTo("day"), "more than two days: by day unless asked");
        Assert.That(byDay["series"]!.AsArray().Select(b => (string?)b!["start"]).ToList(), Has.Count.EqualTo(7).And.Contains("2026-01-03T15:00:00Z"));
    }

    [TestCase("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from", "value_error")]
    [TestCase("from=yesterday", "from", "datetime_from_date_parsing")]
    [TestCase("from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z&bucket=hour", "bucket", "value_error")]
    [TestCase("bucket=week", "bucket", "enum")]
    [TestCase("to=0001-01-01T00:00:00Z", "to", "value_error")]
    [TestCase("from=9999-12-31T00:00:00Z", "from", "value_error")]
    [TestCase("utc_offset=900", "utc_offset", "less_than_equal")]
    public async Task A_period_that_cannot_be_reported_is_a_422_naming_the_parameter(string query, string parameter, string type)
    {
        var (response, body) = await App.Orders.GetJson($"/api/v1/orders/stats?{query}");
        Assert.That((int)response.StatusCode, Is.EqualTo(422), body.ToJsonString());
        var error = body["detail"]!.AsArray().Single()!;
        Assert.That(error["loc"]!.ToJsonString(), Is.EqualTo($"[\"query\",\"{parameter}\"]"));
        Assert.That((string?)error["type"], Is.EqualTo(type));
    }
}

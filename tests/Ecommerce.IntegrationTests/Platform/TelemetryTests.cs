using System.Text.Json.Nodes;
using Ecommerce.Shared.Hosting;

namespace Ecommerce.IntegrationTests.Platform;

/// <summary>
/// OpenTelemetry as an operator turns it on (the standard OTEL_* variables): one order's chain — Orders, Payments, the
/// webhook back to Orders, Notifications — arrives at an OTLP collector as ONE trace, the log lines of the chain carry
/// that trace id, and the product's own metrics are exported beside ASP.NET Core's.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TelemetryTests
{
    [Test]
    public async Task Given_OTLP_is_configured_Then_an_orders_chain_is_one_trace_and_the_products_metrics_are_exported()
    {
        await using var collector = new OtlpReceiver();
        var captured = new StringWriter();
        JsonLinesSink.Capture = TextWriter.Synchronized(captured);
        int id;
        try
        {
            await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "ecommerce-under-test",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
                ["Serilog:MinimumLevel:Default"] = "Information",
            });
            var (_, order) = await app.Orders.PostJson("/api/v1/orders", Requests.Order());
            id = (int)order["id"]!;

            string[] ProductMetrics = ["ecommerce.orders.created", "ecommerce.payments", "ecommerce.notifications.sent", "ecommerce.notifications.deliveries", "ecommerce.outbox.waiting", "http.server.request.duration"];
            var exported = await Eventually.TrueAsync(() => Task.FromResult(
                ChainModules(collector, id).IsSupersetOf(["Orders", "Payments", "Notifications"]) && ProductMetrics.All(collector.MetricNames.ContainsKey)), TimeSpan.FromSeconds(30));
            Assert.That(exported, Is.True,
                $"modules in the order's trace: {string.Join(", ", ChainModules(collector, id))}; metrics: {string.Join(", ", collector.MetricNames.Keys.Order())}");
        }
        finally
        {
            JsonLinesSink.Capture = null;
        }

        var trace = OrderTrace(collector, id)!;
        var server = collector.Spans.Where(s => s.TraceId == trace && s.Kind == 2).Select(s => $"{s.Attributes["ecommerce.module"]} {s.Attributes.GetValueOrDefault("url.path")}");
        Assert.That(server, Is.SupersetOf(new[]
        {
            "Orders /api/v1/orders", "Payments /api/v1/payments", $"Orders /api/v1/orders/{id}/webhook", "Notifications /api/v1/notifications/email",
        }));
        Assert.That(collector.Spans.Count(s => s.TraceId == trace && s.Kind == 3), Is.GreaterThanOrEqualTo(3), "client spans of the three calls between modules");

        var chainLines = captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{'))
            .Select(l => JsonNode.Parse(l)!).Where(l => (int?)l["OrderId"] == id).ToList();
        Assert.That(chainLines, Has.Count.GreaterThanOrEqualTo(7), "request and call lines of the chain");
        Assert.That(chainLines.Select(l => (string?)l["@tr"]), Is.All.EqualTo(trace), "every log line of the chain carries the trace id");
    }

    [Test]
    public async Task Given_an_idle_host_Then_it_exports_no_trace_and_one_order_is_one_trace_with_spans_named_by_table()
    {
        await using var collector = new OtlpReceiver();
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
        // Idle: the owed-work workers poll once a second. 15 metric exports (3 s of the host's own clock) cover three polls
        // of each, and the span exporter (every 100 ms) has long sent whatever they made.
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(collector.MetricExports >= 15), TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(collector.Spans.Select(s => $"{s.Name} ({s.TraceId})"), Is.Empty, "an idle host exports no trace");

        var (_, order) = await app.Orders.PostJson("/api/v1/orders", Requests.Order());
        var id = (int)order["id"]!;
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(ChainModules(collector, id).Contains("Notifications")), TimeSpan.FromSeconds(30)), Is.True);
        var exportsThen = collector.MetricExports;
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(collector.MetricExports >= exportsThen + 5), TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(collector.Spans.Select(s => s.TraceId).Distinct(), Is.EqualTo(new[] { OrderTrace(collector, id) }), "one order, one trace");
        Assert.That(collector.Spans.Where(s => s.Kind == 3 && s.Attributes.ContainsKey("db.system")).Select(s => s.Name),
            Has.Some.EqualTo("UPDATE orders").And.None.EqualTo("main"));
    }

    /// <summary>The trace of the request that created the order: the Orders server span whose chain reached its webhook.</summary>
    private static string? OrderTrace(OtlpReceiver collector, int id) => collector.Spans
        .Where(s => s.Kind == 2 && s.Attributes.GetValueOrDefault("url.path") == $"/api/v1/orders/{id}/webhook")
        .Select(s => s.TraceId).FirstOrDefault();

    private static HashSet<string> ChainModules(OtlpReceiver collector, int id) =>
        OrderTrace(collector, id) is { } trace
            ? collector.Spans.Where(s => s.TraceId == trace && s.Kind == 2).Select(s => s.Attributes.GetValueOrDefault("ecommerce.module", "")).ToHashSet()
            : [];
}

using System.Text.Json.Nodes;

namespace Ecommerce.IntegrationTests.Platform;

[TestFixture]
[NonParallelizable]
public sealed class LoggingTests
{
    [Test]
    public async Task Given_an_order_Then_every_request_and_call_line_about_it_names_it_and_no_email_is_logged_in_full()
    {
        // The host logs JSON lines to stdout; read them as an operator's log shipper would.
        var captured = new StringWriter();
        var original = Console.Out;
        Console.SetOut(TextWriter.Synchronized(captured));
        int id;
        try
        {
            await using var app = new EcommerceApp(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" });
            var (_, order) = await app.Orders.PostJson("/api/v1/orders", Requests.Order());
            id = (int)order["id"]!;
            // Reads by its id and a refused change are about it too.
            await app.Orders.GetJson($"/api/v1/orders/{id}");
            await app.Payments.GetJson($"/api/v1/payments/order/{id}");
            await app.Notifications.GetJson($"/api/v1/notifications/order/{id}");
            var (refused, _) = await app.Orders.PutJson($"/api/v1/orders/{id}/status", new { status = "delivered" });
            Assert.That((int)refused.StatusCode, Is.EqualTo(400));
        }
        finally
        {
            Console.SetOut(original);
        }

        var lines = captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!).ToList();
        var requests = lines.Where(l => (string?)l["SourceContext"] == "Serilog.AspNetCore.RequestLoggingMiddleware").ToList();
        var calls = lines.Where(l => (string?)l["SourceContext"] == "Ecommerce.Shared.Http.CallLoggingHandler").ToList();

        Assert.That(requests.Select(r => $"{r["Module"]} {r["RequestPath"]}"), Is.SupersetOf(new[]
        {
            "Orders /api/v1/orders", "Payments /api/v1/payments", $"Orders /api/v1/orders/{id}/webhook", "Notifications /api/v1/notifications/email",
            $"Orders /api/v1/orders/{id}", $"Payments /api/v1/payments/order/{id}", $"Notifications /api/v1/notifications/order/{id}",
            $"Orders /api/v1/orders/{id}/status",
        }));
        Assert.That(requests.Select(r => (int?)r["OrderId"]), Is.All.EqualTo(id));
        Assert.That(requests.Select(r => r["Elapsed"]), Is.All.Not.Null);
        Assert.That(calls, Has.Count.EqualTo(3), "Orders → Payments, Payments → Orders webhook, Orders → Notifications");
        Assert.That(calls.Select(c => (int?)c["OrderId"]), Is.All.EqualTo(id));
        Assert.That(lines.Select(l => l.ToJsonString()), Has.None.Contains("tanaka@example.co.jp"));
    }
}

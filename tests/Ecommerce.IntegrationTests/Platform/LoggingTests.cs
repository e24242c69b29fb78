using System.Text.Json.Nodes;
using Ecommerce.Shared.Hosting;

namespace Ecommerce.IntegrationTests.Platform;

[TestFixture]
[NonParallelizable]
public sealed class LoggingTests
{
    [Test]
    public async Task Given_an_order_Then_every_request_and_call_line_about_it_names_it_and_no_email_is_logged_in_full()
    {
        var id = 0;
        var (lines, _) = await Logged(async () =>
        {
            await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" });
            var (_, order) = await app.Orders.PostJson("/api/v1/orders", Requests.Order());
            id = (int)order["id"]!;
            // Reads by its id and a refused change are about it too.
            await app.Orders.GetJson($"/api/v1/orders/{id}");
            await app.Payments.GetJson($"/api/v1/payments/order/{id}");
            await app.Notifications.GetJson($"/api/v1/notifications/order/{id}");
            var (refused, _) = await app.Orders.PutJson($"/api/v1/orders/{id}/status", new { status = "delivered" });
            Assert.That((int)refused.StatusCode, Is.EqualTo(400));
        });
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

    [Test]
    public async Task Given_api_auth_on_Then_each_line_names_the_caller_refusals_are_warned_and_no_credential_is_logged()
    {
        var serviceCredential = "";
        var (lines, all) = await Logged(async () =>
        {
            var settings = new Dictionary<string, string?>(Security.ApiAuth.Settings()) { ["Serilog:MinimumLevel:Default"] = "Information" };
            await using var app = await EcommerceApp.StartAsync(settings);
            serviceCredential = app.Service<Ecommerce.Shared.Security.ApiAuthSettings>().Services.For("Payments");
            var (created, _) = await Security.ApiAuth.With(app.Client(app.OrdersPort), Security.ApiAuth.AdminKey).PostJson("/api/v1/orders/", Requests.Order());
            Assert.That((int)created.StatusCode, Is.EqualTo(201));
            var (forbidden, _) = await Security.ApiAuth.With(app.Client(app.OrdersPort), Security.ApiAuth.ReaderKey).PostJson("/api/v1/orders/", Requests.Order());
            Assert.That((int)forbidden.StatusCode, Is.EqualTo(403));
            var (unknown, _) = await Security.ApiAuth.With(app.Client(app.OrdersPort), "ecapi_not-a-key-of-this-host-0123456789abcdefghi").GetJson("/api/v1/orders/");
            Assert.That((int)unknown.StatusCode, Is.EqualTo(401));
        });
        var requests = lines.Where(l => (string?)l["SourceContext"] == "Serilog.AspNetCore.RequestLoggingMiddleware").ToList();
        Assert.That(requests.Where(r => (int?)r["StatusCode"] == 201).Select(r => $"{r["Module"]} {r["Caller"]}"), Is.EquivalentTo(new[]
        {
            "Orders admin-tool", "Payments module:Orders", "Notifications module:Orders",
        }));
        Assert.That(requests.Where(r => ((string?)r["RequestPath"])!.EndsWith("/webhook", StringComparison.Ordinal)).Select(r => (string?)r["Caller"]),
            Is.EqualTo(new[] { "module:Payments" }));
        var refusals = lines.Where(l => (string?)l["SourceContext"] == "Ecommerce.Shared.Security.ApiAuthentication" && (string?)l["@l"] == "Warning").ToList();
        Assert.That(refusals.Select(r => (string?)r["Caller"]), Is.EquivalentTo(new[] { "reader", null }));
        Assert.That(new[] { Security.ApiAuth.AdminKey, Security.ApiAuth.ReaderKey, "ecapi_not-a-key-of-this-host", serviceCredential }
            .Where(secret => all.Contains(secret, StringComparison.Ordinal)), Is.Empty);
    }

    /// <summary>The JSON lines the host wrote to stdout while <paramref name="run"/> ran, read as an operator's log shipper would, and the raw text.</summary>
    private static async Task<(List<JsonNode> Lines, string Text)> Logged(Func<Task> run)
    {
        var captured = new StringWriter();
        JsonLinesSink.Capture = TextWriter.Synchronized(captured);
        try
        {
            await run();
        }
        finally
        {
            JsonLinesSink.Capture = null;
        }
        var text = captured.ToString();
        return (text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!).ToList(), text);
    }
}

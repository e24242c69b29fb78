using System.Net;
using Microsoft.AspNetCore.Http;

namespace Ecommerce.IntegrationTests.Orders;

/// <summary>Failures of the other services never fail the order (D13, contract 5.1–5.2).</summary>
[TestFixture]
public sealed class CreateOrderFailureTests
{
    [Test]
    public async Task Given_payments_is_down_Then_the_order_is_201_pending_with_payment_failed()
    {
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Services:Payments:BaseUrl"] = $"http://127.0.0.1:{FreePorts.Next()}/api/v1",
        });
        var order = await new OrderScenario(app).Create();
        Assert.That((string?)order["status"], Is.EqualTo("pending"));
        Assert.That(await new OrderScenario(app).Emails((int)order["id"]!), Is.EqualTo(new[] { "PAYMENT_FAILED" }));
    }

    [Test]
    public async Task Given_payments_slower_than_the_timeout_Then_the_order_is_201_pending()
    {
        await using var slowPayments = new StubServer(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { });
            context.Response.StatusCode = StatusCodes.Status201Created;
        });
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Services:Payments:BaseUrl"] = slowPayments.BaseUrl,
            ["Services:Payments:TimeoutSeconds"] = "0.5",
        });
        var started = DateTime.UtcNow;
        var order = await new OrderScenario(app).Create();
        Assert.That((string?)order["status"], Is.EqualTo("pending"));
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(4)));
        Assert.That(slowPayments.Received.Single().Path, Is.EqualTo("/api/v1/payments"));
    }

    [Test]
    public async Task Given_payments_answering_500_many_times_Then_every_payment_failed_email_carries_its_reason()
    {
        // More failures than the circuit breaker's minimum (20 in 10 s): answers, even 5xx, must never open it, since the
        // reason they carry is what the customer's PAYMENT_FAILED email says.
        await using var failing = new StubServer(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"detail":"Card network down"}""");
        });
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?> { ["Services:Payments:BaseUrl"] = failing.BaseUrl });
        var ids = new List<int>();
        for (var i = 0; i < 30; i++) ids.Add((int)(await new OrderScenario(app).Create())["id"]!);
        Assert.That(failing.Received, Has.Count.EqualTo(30), "every order asked Payments");
        foreach (var id in new[] { ids[0], ids[^1] })
        {
            var (_, emails) = await app.Notifications.GetJson($"/api/v1/notifications/order/{id}");
            Assert.That((string?)emails[0]!["template_name"], Is.EqualTo("PAYMENT_FAILED"));
            Assert.That((string?)emails[0]!["body"], Does.Contain("Card network down"));
        }
    }

    [Test]
    public async Task Given_notifications_is_down_Then_the_order_is_still_paid()
    {
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Services:Notifications:BaseUrl"] = $"http://127.0.0.1:{FreePorts.Next()}/api/v1",
        });
        var order = await new OrderScenario(app).Create();
        Assert.That((string?)order["status"], Is.EqualTo("paid"));
    }

    [Test]
    public async Task Given_notifications_over_its_rate_limit_Then_orders_are_still_created_and_paid()
    {
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?> { ["Notifications:RateLimitPerSecond"] = "1" });
        var orders = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new OrderScenario(app).Create()));
        Assert.That(orders.Select(o => (string?)o["status"]), Is.All.EqualTo("paid"));
        // The limit was met: the emails Notifications answered with 429 are owed (until at least its Retry-After).
        var (_, owed) = await app.Orders.GetJson("/api/v1/orders/owed");
        Assert.That((int)owed["count"]!, Is.GreaterThanOrEqualTo(1), "at 1 email a second, 4 orders at once met a 429");
    }
}

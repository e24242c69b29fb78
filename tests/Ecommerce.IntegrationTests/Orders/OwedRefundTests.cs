using System.Net;
using Microsoft.AspNetCore.Http;

namespace Ecommerce.IntegrationTests.Orders;

/// <summary>D14 with Payments away at the moment of cancelling: the refund is owed, then made; the customer is never left charged.</summary>
[TestFixture]
public sealed class OwedRefundTests
{
    [Test]
    public async Task Given_payments_down_while_a_paid_order_is_cancelled_Then_the_refund_is_made_once_payments_is_back()
    {
        // Orders reaches Payments through this proxy, which can be switched off; Payments' own webhook goes straight to Orders.
        var down = false;
        var paymentsPort = 0;
        using var forward = new HttpClient();
        await using var proxy = new StubServer(async context =>
        {
            if (Volatile.Read(ref down))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method),
                $"http://127.0.0.1:{paymentsPort}{context.Request.Path}{context.Request.QueryString}");
            if (context.Request.ContentLength > 0 || context.Request.Method == "POST")
            {
                request.Content = new StreamContent(context.Request.Body);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
            }
            using var response = await forward.SendAsync(request);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await response.Content.CopyToAsync(context.Response.Body);
        }, readBody: false);
        await using var app = new EcommerceApp(new Dictionary<string, string?> { ["Services:Payments:BaseUrl"] = proxy.BaseUrl });
        paymentsPort = app.PaymentsPort;
        var scenario = new OrderScenario(app);
        var id = (int)(await scenario.Create())["id"]!;
        Assert.That((string?)(await scenario.Payment(id))!["status"], Is.EqualTo("completed"));

        Volatile.Write(ref down, true);
        var (cancelled, order) = await app.Orders.DeleteJson($"/api/v1/orders/{id}");
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)order["status"], Is.EqualTo("cancelled"));
        Assert.That((string?)(await scenario.Payment(id))!["status"], Is.EqualTo("completed"), "the refund could not be made yet");

        Volatile.Write(ref down, false);
        Assert.That(await Eventually.TrueAsync(async () => (string?)(await scenario.Payment(id))!["status"] == "refunded", TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(await scenario.Emails(id), Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_CANCELLED" }), "the refund's webhook sends nothing more");
    }
}

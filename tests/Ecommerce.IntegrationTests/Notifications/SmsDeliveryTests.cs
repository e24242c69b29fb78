using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ecommerce.Shared.Security;
using Microsoft.AspNetCore.Http;

namespace Ecommerce.IntegrationTests.Notifications;

/// <summary>Text messages go to an HTTP gateway (a local stand-in): its answer decides each one's delivery state.</summary>
[TestFixture]
public sealed class SmsDeliveryTests
{
    private const string Accepted = "+819000000202";
    private const string Refused = "+819000000400";
    private const string FailingOnce = "+819000000503";

    [Test]
    public async Task Given_a_gateway_Then_each_text_is_posted_with_its_token_reference_and_signature_and_its_answer_decides_the_state()
    {
        var seen = new ConcurrentQueue<(string Authorization, string Body, string Id, string Timestamp, string Signature)>();
        var calls = new ConcurrentDictionary<string, int>();
        await using var gateway = new StubServer(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var headers = context.Request.Headers;
            seen.Enqueue((headers.Authorization.ToString(), body, headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(),
                headers["webhook-signature"].ToString()));
            var to = (string)JsonNode.Parse(body)!["to"]!;
            var attempt = calls.AddOrUpdate(to, 1, (_, n) => n + 1);
            context.Response.StatusCode = to switch { Refused => 400, FailingOnce when attempt == 1 => 503, _ => 202 };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(context.Response.StatusCode == 202 ? """{"id":"gw-1"}""" : """{"detail":"invalid number"}""");
        }, readBody: false);
        var secret = RandomNumberGenerator.GetBytes(32);
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Notifications:Sms:Url"] = $"http://127.0.0.1:{gateway.Port}/messages", ["Notifications:Sms:Token"] = "gateway-token",
            ["Webhooks:SigningSecrets:0"] = WebhookSigning.SecretPrefix + Convert.ToBase64String(secret),
        });

        var accepted = await Send(app, Accepted);
        var refused = await Send(app, Refused);
        var failingOnce = await Send(app, FailingOnce);

        var delivered = await Settled(app, accepted, "delivered");
        Assert.That(((int)delivered["attempts"]!, (string?)delivered["provider_reply"]), Is.EqualTo((1, """202 {"id":"gw-1"}""")));
        var failed = await Settled(app, refused, "failed");
        Assert.That(((int)failed["attempts"]!, (string?)failed["last_error"]), Is.EqualTo((1, "invalid number")), "a 4xx is final");
        var retried = await Settled(app, failingOnce, "delivered");
        Assert.That((int)retried["attempts"]!, Is.EqualTo(2), "a 5xx is tried again");

        Assert.That(calls, Is.EquivalentTo(new Dictionary<string, int> { [Accepted] = 1, [Refused] = 1, [FailingOnce] = 2 }));
        var signing = new WebhookSigning([secret]);
        foreach (var request in seen)
        {
            var body = JsonNode.Parse(request.Body)!;
            var notification = new[] { accepted, refused, failingOnce }.Single(n => (string)n["recipient"]! == (string)body["to"]!);
            var delivery = (await app.Notifications.GetJson($"/api/v1/notifications/{notification["id"]}/delivery")).Body;
            Assert.That(request.Authorization, Is.EqualTo("Bearer gateway-token"));
            Assert.That((string?)body["body"], Is.EqualTo((string)notification["body"]!), "the stored text");
            Assert.That((string?)body["reference"], Is.EqualTo((string)delivery["message_id"]!), "the same reference on every attempt");
            Assert.That(request.Id, Is.EqualTo((string)delivery["message_id"]!));
            Assert.That(signing.Refusal(request.Id, request.Timestamp, request.Signature, Encoding.UTF8.GetBytes(request.Body), DateTimeOffset.UtcNow), Is.Null,
                "signed like the webhooks");
        }
    }

    private static async Task<JsonNode> Send(EcommerceApp app, string phone)
    {
        var (response, body) = await app.Notifications.PostJson("/api/v1/notifications/sms", new
        {
            order_id = 1, to_phone = phone, template_name = "ORDER_SHIPPED",
            template_data = new { order_id = 1, customer_name = "田中太郎", carrier = "ヤマト運輸", tracking_number = "1234-5678-9012" },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body;
    }

    private static async Task<JsonNode> Settled(EcommerceApp app, JsonNode notification, string state)
    {
        JsonNode delivery = new JsonObject();
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            delivery = (await app.Notifications.GetJson($"/api/v1/notifications/{notification["id"]}/delivery")).Body;
            return (string?)delivery["state"] == state;
        }, TimeSpan.FromSeconds(60)), Is.True, $"{notification["recipient"]} {state}: {delivery.ToJsonString()}");
        return delivery;
    }
}

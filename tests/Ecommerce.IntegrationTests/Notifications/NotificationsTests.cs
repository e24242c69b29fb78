using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Ecommerce.IntegrationTests.Notifications;

[TestFixture]
public sealed class NotificationsTests() : HostFixture(settings: new Dictionary<string, string?> { ["Modules:Enabled"] = "Notifications" })
{

    [Test]
    public async Task Given_an_email_Then_201_with_the_japanese_subject_and_body()
    {
        var (response, body) = await App.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(41));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(body.AsObject().Select(p => p.Key), Is.EqualTo(new[]
            { "id", "order_id", "channel", "template_name", "recipient", "subject", "body", "status", "sent_at", "created_at" }));
        Assert.That((string?)body["channel"], Is.EqualTo("email"));
        Assert.That((string?)body["subject"], Is.EqualTo("ご注文確認 — 注文番号 #41"));
        Assert.That((string?)body["body"], Does.StartWith("田中太郎 様\n\nご注文ありがとうございます。"));
        Assert.That((string?)body["body"], Does.Contain("¥183,100"));
        Assert.That((string?)body["status"], Is.EqualTo("sent"));
        // Raw UTF-8 on the wire, never \u escapes (D3).
        var raw = await response.Content.ReadAsStringAsync();
        Assert.That(raw, Does.Contain("田中太郎").And.Not.Contain("\\u"));
    }

    [Test]
    public async Task Given_an_unknown_template_Then_400_naming_the_known_ones()
    {
        var (response, body) = await App.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(1, template: "WELCOME"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)body["detail"], Does.Contain("WELCOME").And.Contain("ORDER_CONFIRMATION").And.Contain("PAYMENT_FAILED"));
    }

    [Test]
    public async Task Given_an_invalid_email_Then_422()
    {
        var (response, body) = await App.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(1, to: "not-an-email"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((string?)body["detail"]![0]!["type"], Is.EqualTo("value_error"));
        Assert.That(body["detail"]![0]!["loc"]!.ToJsonString(), Is.EqualTo("""["body","to_email"]"""));
    }

    [Test]
    public async Task Given_an_sms_Then_channel_sms_no_subject_and_a_short_body()
    {
        var (response, body) = await App.Notifications.PostJson("/api/v1/notifications/sms", new
        {
            order_id = 42, to_phone = "+819012345678", template_name = "ORDER_SHIPPED",
            template_data = new { customer_name = "田中太郎", tracking_number = "1234-5678" },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)body["channel"], Is.EqualTo("sms"));
        Assert.That((string?)body["recipient"], Is.EqualTo("+819012345678"));
        Assert.That(body["subject"], Is.Null);
        Assert.That(body.ToJsonString(), Does.Contain("\"subject\":null"));
        Assert.That(((string?)body["body"])!.Length, Is.LessThanOrEqualTo(140));
        Assert.That((string?)body["body"], Does.Contain("1234-5678"));
    }

    [TestCase("09012345678")]
    [TestCase("+0123456789")]
    [TestCase("+1234567")]
    [TestCase("+1234567890123456")]
    public async Task Given_a_phone_that_is_not_e164_Then_422(string phone)
    {
        var (response, body) = await App.Notifications.PostJson("/api/v1/notifications/sms",
            new { order_id = 1, to_phone = phone, template_name = "ORDER_SHIPPED" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((string?)body["detail"]![0]!["type"], Is.EqualTo("string_pattern_mismatch"));
    }

    [Test]
    public async Task Given_notifications_Then_they_can_be_read_by_id_by_order_and_listed()
    {
        var (_, first) = await App.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(77));
        await App.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(77, template: "ORDER_SHIPPED"));

        var (byId, one) = await App.Notifications.GetJson($"/api/v1/notifications/{first["id"]}");
        Assert.That(byId.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((int)one["order_id"]!, Is.EqualTo(77));

        var (_, forOrder) = await App.Notifications.GetJson("/api/v1/notifications/order/77");
        Assert.That(forOrder.AsArray().Select(n => (string?)n!["template_name"]), Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_SHIPPED" }));

        var (none, empty) = await App.Notifications.GetJson("/api/v1/notifications/order/123456");
        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(empty.ToJsonString(), Is.EqualTo("[]"));

        var (missing, detail) = await App.Notifications.GetJson("/api/v1/notifications/999999");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)detail["detail"], Is.EqualTo("Notification not found"));

        var (_, shipped) = await App.Notifications.GetJson("/api/v1/notifications?template_name=ORDER_SHIPPED&channel=email");
        Assert.That(shipped.AsArray().Select(n => (string?)n!["template_name"]), Is.All.EqualTo("ORDER_SHIPPED").And.Not.Empty);
    }
}

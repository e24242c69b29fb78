using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Ecommerce.IntegrationTests.Orders;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Ecommerce.IntegrationTests.Notifications;

/// <summary>
/// Emails reach a real SMTP server (aiosmtpd) exactly as the API recorded them, each delivery has a state, and none is
/// lost or sent twice across an outage and a restart.
/// </summary>
[TestFixture]
public sealed class EmailDeliveryTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Given_orders_through_every_status_Then_each_email_arrives_once_with_the_stored_subject_and_body()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var app = await EcommerceApp.StartAsync(smtp.HostSettings());
        var scenario = new OrderScenario(app);
        var delivered = await scenario.InStatus("delivered");
        var cancelled = await scenario.InStatus("cancelled");

        var stored = (await Stored(app, delivered)).Concat(await Stored(app, cancelled)).ToList();
        Assert.That(stored.Select(n => (string)n["template_name"]!),
            Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_SHIPPED", "ORDER_DELIVERED", "ORDER_CONFIRMATION", "ORDER_CANCELLED" }));
        Assert.That(await smtp.WaitForAsync(stored.Count, Within), Is.True, "every email reached the server");
        await WaitDelivered(app, stored);

        Assert.That(smtp.Received, Has.Count.EqualTo(stored.Count), "none twice");
        foreach (var notification in stored)
        {
            var delivery = (await app.Notifications.GetJson($"/api/v1/notifications/{notification["id"]}/delivery")).Body;
            var email = smtp.Received.Single(e => e.Message.MessageId == (string)delivery["message_id"]!);
            Assert.That(email.Message.Subject, Is.EqualTo((string)notification["subject"]!), "the decoded subject is the stored one");
            Assert.That(email.Message.TextBody, Is.EqualTo((string)notification["body"]!), "the decoded body is the stored one");
            Assert.That(email.Recipients, Is.EqualTo(new[] { (string)notification["recipient"]! }));
            Assert.That(email.Message.From.Mailboxes.Single().Address, Is.EqualTo("shop@example.com"));
            Assert.That(email.Message.Headers["Auto-Submitted"], Is.EqualTo("auto-generated"));
            Assert.That((int)delivery["attempts"]!, Is.EqualTo(1));
            Assert.That((string?)delivery["provider_reply"], Does.StartWith("250 2.0.0 Ok"), "the server's answer is kept");
            Assert.That(delivery["delivered_at"], Is.Not.Null);
        }
        var raw = System.Text.Encoding.ASCII.GetString(smtp.Received.First().Raw);
        Assert.That(raw, Does.Contain("Subject: =?utf-8?"), "a Japanese subject travels as RFC 2047 encoded words");
        Assert.That(smtp.Received.Select(e => e.Peer).Distinct().Count(), Is.LessThanOrEqualTo(2), "kept connections: at most one per order here");
        var ofDelivered = new List<string>();
        foreach (var notification in stored.Take(3)) ofDelivered.Add((string)(await Delivery(app, notification))["message_id"]!);
        Assert.That(smtp.Received.Select(e => e.Message.MessageId).Where(id => ofDelivered.Contains(id!)), Is.EqualTo(ofDelivered), "in order per order");
    }

    [Test]
    public async Task Given_the_server_down_when_orders_are_made_and_a_restart_Then_each_email_arrives_once_in_order_when_it_is_up()
    {
        var port = FreePorts.Next();
        var directory = ThrowawayDirectory.New();
        var settings = new Dictionary<string, string?>
        {
            ["Database:SqliteDirectory"] = directory, ["Notifications:Smtp:Host"] = "127.0.0.1", ["Notifications:Smtp:Port"] = $"{port}",
            ["Notifications:Smtp:Security"] = "None", ["Notifications:Smtp:From"] = "shop@example.com",
        };
        int before;
        await using (var first = await EcommerceApp.StartAsync(settings))
        {
            before = await new OrderScenario(first).InStatus("shipped");
            var confirmation = (await Stored(first, before))[0];
            Assert.That(await Eventually.TrueAsync(async () => (int)(await Delivery(first, confirmation))["attempts"]! >= 1, Within), Is.True);
            var waiting = await Delivery(first, confirmation);
            Assert.That((string?)waiting["state"], Is.EqualTo("queued"));
            Assert.That((string?)waiting["last_error"], Is.Not.Empty, "why it is not delivered yet");
            Assert.That((int)(await first.Notifications.GetJson("/api/v1/notifications/owed")).Body["count"]!, Is.EqualTo(2), "both owed");
        }

        await using var smtp = await SmtpServer.StartAsync(port);
        await using var second = await EcommerceApp.StartAsync(settings);
        var after = await new OrderScenario(second).InStatus("paid");
        var stored = (await Stored(second, before)).Concat(await Stored(second, after)).ToList();
        Assert.That(await smtp.WaitForAsync(3, Within), Is.True);
        await WaitDelivered(second, stored);

        Assert.That(smtp.Received, Has.Count.EqualTo(3), "each once, across the outage and the restart");
        var ofFirst = smtp.Received.Where(e => (e.Message.Subject ?? "").EndsWith($"#{before}", StringComparison.Ordinal)).Select(e => e.Message.Subject).ToList();
        Assert.That(ofFirst, Has.Count.EqualTo(2));
        Assert.That(ofFirst[0], Is.EqualTo((string)stored[0]["subject"]!), "the confirmation before the shipping email");
        Assert.That((int)(await second.Notifications.GetJson("/api/v1/notifications/owed")).Body["count"]!, Is.EqualTo(0));
    }

    [Test]
    public async Task Given_a_server_that_takes_connections_and_never_answers_Then_a_round_tries_it_once_and_every_email_waits_with_the_error()
    {
        using var silent = new SilentServer(); // takes the connection and never greets
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // the worker's rounds come only when the test moves it
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1", ["Notifications:Smtp:Port"] = $"{silent.Port}",
            ["Notifications:Smtp:Security"] = "None", ["Notifications:Smtp:From"] = "shop@example.com",
            ["Notifications:Smtp:Connections"] = "1", ["Notifications:Smtp:TimeoutSeconds"] = "1",
        }, clock);
        var accepted = new List<JsonNode>();
        foreach (var order in Enumerable.Range(1, 4))
            accepted.Add((await app.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(order))).Body);

        clock.Advance(TimeSpan.FromSeconds(1)); // one round takes the four
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            foreach (var notification in accepted)
                if ((int)(await Delivery(app, notification))["attempts"]! == 0) return false;
            return true;
        }, Within), Is.True);

        Assert.That(silent.Connections, Is.EqualTo(1), "one connection tried for the round, not one (and one timeout) per email");
        foreach (var notification in accepted)
        {
            var delivery = await Delivery(app, notification);
            Assert.That((string?)delivery["state"], Is.EqualTo("queued"));
            Assert.That((int)delivery["attempts"]!, Is.EqualTo(1));
            Assert.That((string?)delivery["last_error"], Is.Not.Empty, "why it waits");
        }
    }

    [Test]
    public async Task Given_a_mailbox_that_does_not_exist_Then_the_delivery_fails_with_the_reply_is_not_retried_and_can_be_sent_again()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var app = await EcommerceApp.StartAsync(smtp.HostSettings());
        var (_, notification) = await app.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(1, to: "reject-me@example.com"));

        Assert.That(await Eventually.TrueAsync(async () => (string?)(await Delivery(app, notification))["state"] == "failed", Within), Is.True);
        var failed = await Delivery(app, notification);
        Assert.That((string?)failed["last_error"], Does.StartWith("550").And.Contain("No such mailbox"));
        Assert.That((int)failed["attempts"]!, Is.EqualTo(1));
        Assert.That((int)(await app.Notifications.GetJson("/api/v1/notifications/owed")).Body["count"]!, Is.EqualTo(0), "not retried");
        var listed = (await app.Notifications.GetJson("/api/v1/notifications/deliveries?state=failed")).Body.AsArray();
        Assert.That(listed.Select(d => (int)d!["notification_id"]!), Is.EqualTo(new[] { (int)notification["id"]! }));

        var (again, queued) = await app.Notifications.PostJson($"/api/v1/notifications/{notification["id"]}/delivery/retry", new { });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), queued.ToJsonString());
        Assert.That(await Eventually.TrueAsync(async () => (int)(await Delivery(app, notification))["attempts"]! == 2, Within), Is.True);
        Assert.That((string?)(await Delivery(app, notification))["state"], Is.EqualTo("failed"));
        Assert.That((string?)(await Delivery(app, notification))["message_id"], Is.EqualTo((string?)failed["message_id"]), "the same message");
    }

    [Test]
    public async Task Given_a_busy_mailbox_Then_the_email_is_retried_and_delivered_once()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var app = await EcommerceApp.StartAsync(smtp.HostSettings());
        // A negative order id, which the API takes as the original did, still has a lane (connection) of its own.
        var (_, notification) = await app.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(-7, to: "tempfail@example.com"));

        Assert.That(await smtp.WaitForAsync(1, Within), Is.True);
        await WaitDelivered(app, [notification]);
        var delivery = await Delivery(app, notification);
        Assert.That((int)delivery["attempts"]!, Is.EqualTo(2));
        Assert.That((string?)delivery["last_error"], Does.StartWith("451"), "the transient failure it got over");
        Assert.That(smtp.Received, Has.Count.EqualTo(1));

        var (again, refusal) = await app.Notifications.PostJson($"/api/v1/notifications/{notification["id"]}/delivery/retry", new { });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)refusal["detail"], Is.EqualTo("Only a failed delivery can be sent again; this one is delivered"));
    }

    [TestCase("StartTls", false)]
    [TestCase("SslOnConnect", true)]
    public async Task Given_a_server_that_requires_TLS_with_a_private_certificate_Then_email_goes_over_TLS_only_when_it_is_trusted(string security,
        bool tlsOnConnect)
    {
        var directory = Directory.CreateTempSubdirectory("ecommerce-smtp-tls-").FullName;
        var (certificate, key) = SelfSigned(directory);
        await using var smtp = await SmtpServer.StartAsync(certificateFile: certificate, keyFile: key, tlsOnConnect: tlsOnConnect);

        await using (var untrusting = await EcommerceApp.StartAsync(smtp.HostSettings(security)))
        {
            var (_, refused) = await untrusting.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(1));
            Assert.That(await Eventually.TrueAsync(async () => (int)(await Delivery(untrusting, refused))["attempts"]! >= 1, Within), Is.True);
            Assert.That((string?)(await Delivery(untrusting, refused))["state"], Is.EqualTo("queued"), "an untrusted certificate is not a refusal for good");
            Assert.That(smtp.Received, Is.Empty);
        }

        var settings = smtp.HostSettings(security);
        settings["Notifications:Smtp:CertificateAuthorityFile"] = certificate;
        await using var app = await EcommerceApp.StartAsync(settings);
        var (_, notification) = await app.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(2));
        Assert.That(await smtp.WaitForAsync(1, Within), Is.True);
        await WaitDelivered(app, [notification]);
        Assert.That(smtp.Received.Single().Message.MessageId, Is.EqualTo((string?)(await Delivery(app, notification))["message_id"]));
    }

    [Test]
    public async Task Given_a_server_that_offers_CHUNKING_Then_each_email_goes_by_BDAT_and_arrives_as_stored()
    {
        // aiosmtpd offers no CHUNKING (DATA is tested above); the sink offers it as Postfix, Exchange and Gmail do.
        await using var sink = new SmtpSink(keepMessages: true);
        await using var app = await EcommerceApp.StartAsync(sink.HostSettings.ToDictionary(s => s.Key, s => (string?)s.Value));
        var (_, confirmation) = await app.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(5));
        var (_, shipped) = await app.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(5, "ORDER_SHIPPED"));
        await WaitDelivered(app, [confirmation, shipped]);

        Assert.That(sink.Received.Select(e => e.Command), Is.EqualTo(new[] { "BDAT", "BDAT" }), "each message by BDAT, none twice");
        foreach (var (notification, email) in new[] { confirmation, shipped }.Zip(sink.Received))
        {
            var message = MimeMessage.Load(new MemoryStream(email.Raw));
            Assert.That(message.MessageId, Is.EqualTo((string?)(await Delivery(app, notification))["message_id"]), "in order per order");
            Assert.That(message.Subject, Is.EqualTo((string)notification["subject"]!));
            Assert.That(message.TextBody, Is.EqualTo((string)notification["body"]!));
            Assert.That(email.Recipients, Is.EqualTo(new[] { "tanaka@example.co.jp" }));
        }
    }

    [Test]
    public async Task Given_a_server_that_pipelines_Then_a_round_goes_in_one_write_and_each_message_gets_its_own_outcome()
    {
        // The sink offers PIPELINING and CHUNKING, as Postfix does: the round's messages go in one write, and a refused or
        // busy mailbox among them costs only its own message (and holds back its order's later one, which then follows).
        await using var sink = new SmtpSink(keepMessages: true);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // the worker's rounds come only when the test moves it
        var settings = sink.HostSettings.ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["Notifications:Smtp:Connections"] = "1";
        await using var app = await EcommerceApp.StartAsync(settings, clock);
        var first = await Email(1, "tanaka@example.co.jp");
        var busy = await Email(2, "tempfail@example.com");
        var refused = await Email(3, "reject@example.com");
        var fourth = await Email(4, "suzuki@example.com");
        var busyLater = await Email(2, "tempfail@example.com", "ORDER_SHIPPED");

        clock.Advance(TimeSpan.FromSeconds(1)); // one round takes the five
        Assert.That(await Eventually.TrueAsync(async () => (int)(await Delivery(app, busy))["attempts"]! == 1
            && (string?)(await Delivery(app, refused))["state"] == "failed" && (string?)(await Delivery(app, fourth))["state"] == "delivered", Within), Is.True);
        await WaitDelivered(app, [first, fourth]);
        Assert.That(sink.Answers, Is.LessThan(2 + 4), "greeting, EHLO and the round's four messages in fewer round trips than messages");
        Assert.That((string?)(await Delivery(app, refused))["last_error"], Does.StartWith("550").And.Contain("No such mailbox"));
        Assert.That((string?)(await Delivery(app, busy))["last_error"], Does.StartWith("451"));
        var heldBack = await Delivery(app, busyLater);
        Assert.That(((string?)heldBack["state"], (int)heldBack["attempts"]!), Is.EqualTo(("queued", 0)), "its order's earlier message is not delivered yet");

        clock.Advance(TimeSpan.FromMinutes(10)); // past the busy mailbox's backoff
        await WaitDelivered(app, [busy, busyLater]);
        var arrived = new List<string>();
        foreach (var email in sink.Received) arrived.Add(MimeMessage.Load(new MemoryStream(email.Raw)).MessageId!);
        var expected = new List<string>();
        foreach (var notification in new[] { first, fourth, busy, busyLater }) expected.Add((string)(await Delivery(app, notification))["message_id"]!);
        Assert.That(arrived, Is.EqualTo(expected), "each delivered message once, the busy order's two in order");
        Assert.That(sink.Received.Select(e => e.Command).Distinct(), Is.EqualTo(new[] { "BDAT" }));

        async Task<JsonNode> Email(int order, string to, string template = "ORDER_CONFIRMATION") =>
            (await app.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(order, template, to))).Body;
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Given_a_kept_connection_the_server_closed_with_421_Then_the_next_email_goes_on_a_fresh_one_at_its_first_attempt(bool pipelining)
    {
        await using var sink = new SmtpSink(keepMessages: true, pipelining: pipelining, chunking: pipelining);
        var settings = sink.HostSettings.ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["Notifications:Smtp:Connections"] = "1";
        await using var app = await EcommerceApp.StartAsync(settings);
        var (_, first) = await app.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(1));
        await WaitDelivered(app, [first]);

        await sink.TimeOutConnectionsAsync(); // its idle timeout: "421 … timeout exceeded", then closed
        var (_, second) = await app.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(2));
        await WaitDelivered(app, [second]);

        Assert.That((int)(await Delivery(app, second))["attempts"]!, Is.EqualTo(1), "a closed kept connection is not the message's failure");
        Assert.That(sink.Connections, Is.EqualTo(2));
        Assert.That(sink.Received, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Given_StartTls_required_and_a_server_that_does_not_offer_it_Then_nothing_is_sent_in_plain_text()
    {
        await using var smtp = await SmtpServer.StartAsync(); // no certificate: no STARTTLS
        await using var app = await EcommerceApp.StartAsync(smtp.HostSettings("StartTls"));
        var (_, notification) = await app.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(1));

        Assert.That(await Eventually.TrueAsync(async () => (int)(await Delivery(app, notification))["attempts"]! >= 1, Within), Is.True);
        var delivery = await Delivery(app, notification);
        Assert.That((string?)delivery["state"], Is.EqualTo("queued"), "a server that may be fixed is not a refusal for good");
        Assert.That((string?)delivery["last_error"], Does.Contain("does not offer STARTTLS"));
        Assert.That(smtp.Received, Is.Empty);
    }

    [Test]
    public async Task Given_a_server_that_requires_a_login_Then_email_goes_with_the_right_one_and_a_wrong_one_is_never_shown()
    {
        await using var smtp = await SmtpServer.StartAsync(login: "shop:s3cret-pass");
        var wrong = smtp.HostSettings();
        wrong["Notifications:Smtp:UserName"] = "shop";
        wrong["Notifications:Smtp:Password"] = "not-the-pass";
        await using (var refusedLogin = await EcommerceApp.StartAsync(wrong))
        {
            var (_, refused) = await refusedLogin.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(1));
            Assert.That(await Eventually.TrueAsync(async () => (int)(await Delivery(refusedLogin, refused))["attempts"]! >= 1, Within), Is.True);
            var delivery = await Delivery(refusedLogin, refused);
            Assert.That((string?)delivery["state"], Is.EqualTo("queued"));
            Assert.That((string?)delivery["last_error"], Does.Contain("refused AUTH").And.Not.Contain("not-the-pass"));
        }

        var settings = smtp.HostSettings();
        settings["Notifications:Smtp:UserName"] = "shop";
        settings["Notifications:Smtp:Password"] = "s3cret-pass";
        await using var app = await EcommerceApp.StartAsync(settings);
        var (_, notification) = await app.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(2));
        Assert.That(await smtp.WaitForAsync(1, Within), Is.True);
        await WaitDelivered(app, [notification]);
        Assert.That(smtp.Logins.Select(l => l.Success), Has.Some.True.And.Some.False);
        Assert.That(smtp.Received.Single().Message.MessageId, Is.EqualTo((string?)(await Delivery(app, notification))["message_id"]));
    }

    [Test]
    public async Task Given_a_server_that_pipelines_without_CHUNKING_Then_each_email_goes_by_DATA_its_commands_in_one_write()
    {
        // Sendmail's kind: PIPELINING without CHUNKING. MAIL, RCPT and DATA go together, then the text: two round trips.
        await using var sink = new SmtpSink(keepMessages: true, chunking: false);
        var settings = sink.HostSettings.ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["Notifications:Smtp:Connections"] = "1";
        await using var app = await EcommerceApp.StartAsync(settings);
        var (_, confirmation) = await app.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(8));
        var (_, shipped) = await app.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(8, "ORDER_SHIPPED"));
        await WaitDelivered(app, [confirmation, shipped]);

        Assert.That(sink.Received.Select(e => e.Command), Is.EqualTo(new[] { "DATA", "DATA" }));
        Assert.That(sink.Answers, Is.LessThanOrEqualTo(2 + 2 * 2), "greeting, EHLO, then two round trips a message");
        foreach (var (notification, email) in new[] { confirmation, shipped }.Zip(sink.Received))
        {
            var message = MimeMessage.Load(new MemoryStream(email.Raw));
            Assert.That(message.MessageId, Is.EqualTo((string?)(await Delivery(app, notification))["message_id"]), "in order per order");
            Assert.That((message.Subject, message.TextBody), Is.EqualTo(((string)notification["subject"]!, (string)notification["body"]!)));
        }
    }

    [Test]
    public async Task Given_a_bulk_import_Then_every_confirmation_arrives_over_one_kept_connection()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var app = await EcommerceApp.StartAsync(smtp.HostSettings());
        const int count = 300;
        var prefix = Guid.NewGuid().ToString("N");
        var orders = Enumerable.Range(0, count).Select(i =>
            $$"""{"external_id":"{{prefix}}-{{i}}","customer_email":"c{{i}}@example.com","customer_name":"田中太郎","items":[{"product_name":"ノートPC","quantity":1,"unit_price":89800.0}]}""");
        var (response, body) = await app.Orders.PostJson("/api/v1/orders/bulk", Http.Json("{\"orders\":[" + string.Join(",", orders) + "]}"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());

        Assert.That(await smtp.WaitForAsync(count, Within), Is.True);
        Assert.That(await Eventually.TrueAsync(async () => (int)(await app.Notifications.GetJson("/api/v1/notifications/owed")).Body["count"]! == 0, Within), Is.True);
        Assert.That(smtp.Received, Has.Count.EqualTo(count));
        Assert.That(smtp.Received.SelectMany(e => e.Recipients).Distinct().Count(), Is.EqualTo(count), "one to each customer");
        Assert.That(smtp.Received.Select(e => e.Peer).Distinct().Count(), Is.InRange(1, 4), "over the 4 kept connections, not one per message");
    }

    [Test]
    public async Task Given_no_SMTP_server_configured_Then_emails_are_logged_as_before_and_say_so()
    {
        await using var app = await EcommerceApp.StartAsync();
        var (response, notification) = await app.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(1));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)notification["status"], Is.EqualTo("sent"));
        var delivery = await Delivery(app, notification);
        Assert.That(((string?)delivery["state"], (int)delivery["attempts"]!, delivery["message_id"]), Is.EqualTo(("logged", 0, (JsonNode?)null)));
        Assert.That((int)(await app.Notifications.GetJson("/api/v1/notifications/owed")).Body["count"]!, Is.EqualTo(0));
    }

    private static async Task<List<JsonNode>> Stored(EcommerceApp app, int orderId) =>
        (await app.Notifications.GetJson($"/api/v1/notifications/order/{orderId}")).Body.AsArray().Select(n => n!).ToList();

    private static async Task<JsonNode> Delivery(EcommerceApp app, JsonNode notification) =>
        (await app.Notifications.GetJson($"/api/v1/notifications/{notification["id"]}/delivery")).Body;

    private static async Task WaitDelivered(EcommerceApp app, IEnumerable<JsonNode> notifications)
    {
        foreach (var notification in notifications)
            Assert.That(await Eventually.TrueAsync(async () => (string?)(await Delivery(app, notification))["state"] == "delivered", Within), Is.True,
                $"notification {notification["id"]} delivered");
    }

    /// <summary>A certificate for 127.0.0.1 that signs itself, as PEM files the server loads and the host may be told to trust.</summary>
    private static (string Certificate, string Key) SelfSigned(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=smtp.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificateFile = Path.Combine(directory, "smtp.crt");
        var keyFile = Path.Combine(directory, "smtp.key");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certificateFile, keyFile);
    }
}

using Ecommerce.Notifications;
using Ecommerce.Notifications.Delivery;
using Ecommerce.Notifications.Domain;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Ecommerce.UnitTests.Notifications;

public sealed class SmtpDeliveryTests
{
    private static readonly DateTime Accepted = new(2026, 12, 6, 9, 30, 15, DateTimeKind.Utc);

    [Test]
    public async Task Given_a_Japanese_notification_Then_the_email_carries_it_exactly_with_its_own_id_and_date()
    {
        var options = Options.Create(new NotificationsOptions { Smtp = { Host = "smtp.example.net", From = "shop@example.com", FromName = "サンプルショップ" } });
        await using var smtp = new SmtpDelivery(options, TimeProvider.System, NullLogger<SmtpDelivery>.Instance);
        var id = smtp.NewMessageId();
        var notification = Notification.Accepted(42, Notification.Email, "ORDER_CONFIRMATION", "tanaka@example.co.jp", "ご注文確認 — 注文番号 #42",
            "田中太郎 様\n\nご注文ありがとうございます。", Accepted, id);

        var message = smtp.Compose(notification);
        using var wire = new MemoryStream();
        await message.WriteToAsync(wire);
        var text = System.Text.Encoding.ASCII.GetString(wire.ToArray());
        var read = await MimeMessage.LoadAsync(new MemoryStream(wire.ToArray()));

        Assert.That(id, Does.EndWith("@example.com"), "the Message-Id's domain is the sender's");
        Assert.That(text, Does.Contain("Subject: =?utf-8?").And.Contain($"Message-Id: <{id}>").And.Contain("Auto-Submitted: auto-generated"));
        Assert.That(text.All(c => c < 128), Is.True, "7-bit on the wire: encoded words and a base64 or quoted-printable body");
        Assert.That((read.Subject, read.TextBody, read.MessageId), Is.EqualTo((notification.Subject, notification.Body, id)));
        Assert.That(read.From.Mailboxes.Single(), Has.Property("Name").EqualTo("サンプルショップ").And.Property("Address").EqualTo("shop@example.com"));
        Assert.That(read.Date, Is.EqualTo(new DateTimeOffset(Accepted)), "the acceptance time: a copy sent again is the same message");
    }

    [TestCase("tanaka@example.co.jp>\r\nRCPT TO:<other@example.com")]
    [TestCase("\"tanaka\r\nRCPT TO:<other@example.com>\"@example.co.jp")]
    [TestCase("not an address")]
    [TestCase("\"tanaka\\\r\nRCPT TO:<x@example.com>\"@example.co.jp")]
    [TestCase("\"tanaka\\>\"@example.co.jp")] // MimeKit takes it; a '>' would end the command's path early
    [TestCase("\"tanaka\u0001\"@example.co.jp")]
    public async Task Given_a_recipient_that_cannot_go_into_an_SMTP_command_Then_it_is_refused_for_good_without_a_connection(string recipient)
    {
        var options = Options.Create(new NotificationsOptions { Smtp = { Host = "127.0.0.1", Port = 9, From = "shop@example.com", TimeoutSeconds = 1 } });
        await using var smtp = new SmtpDelivery(options, TimeProvider.System, NullLogger<SmtpDelivery>.Instance);
        var notification = Notification.Accepted(42, Notification.Email, "ORDER_CONFIRMATION", recipient, "件名", "本文", Accepted, smtp.NewMessageId());

        var outcome = (await smtp.DeliverAsync([notification], 0, CancellationToken.None)).Single();

        Assert.That(outcome.Delivery, Is.EqualTo(Ecommerce.Shared.Outbox.Delivery.Refused), outcome.Error);
        Assert.That(outcome.Unanswered, Is.False, "refused here, not a connection that failed");
    }

    [Test]
    public async Task Given_a_pace_of_two_a_second_Then_hand_overs_are_half_a_second_apart()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Accepted));
        var pace = new SmtpPace(2, clock);
        var anyTime = DateTimeOffset.MaxValue;
        Assert.That(await pace.WaitAsync(anyTime, CancellationToken.None), Is.True);
        var second = pace.WaitAsync(anyTime, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.That(second.IsCompleted, Is.False);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(await second.WaitAsync(TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(new SmtpPace(0, clock).WaitAsync(anyTime, CancellationToken.None).IsCompleted, Is.True, "0 paces nothing");
    }

    [Test]
    public async Task Given_a_turn_that_comes_too_late_Then_it_is_not_taken_and_the_next_caller_still_gets_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Accepted));
        var pace = new SmtpPace(0.1, clock); // a turn every 10 s
        Assert.That(await pace.WaitAsync(clock.GetUtcNow().AddSeconds(60), CancellationToken.None), Is.True);
        Assert.That(await pace.WaitAsync(clock.GetUtcNow().AddSeconds(10), CancellationToken.None), Is.False, "the next turn is 10 s away: not before then");
        var next = pace.WaitAsync(clock.GetUtcNow().AddSeconds(11), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.That(await next.WaitAsync(TimeSpan.FromSeconds(5)), Is.True, "the turn refused before was not used up");
    }

    [TestCase(null, null, null, "Notifications:Smtp:From must be")]
    [TestCase("shop@example.com", "user", null, "UserName and Notifications:Smtp:Password go together")]
    [TestCase("not an address", null, null, "Notifications:Smtp:From must be")]
    public void Given_an_incomplete_SMTP_section_Then_start_up_names_the_key(string? from, string? user, string? password, string problem)
    {
        var options = new NotificationsOptions { Smtp = { Host = "smtp.example.net", From = from, UserName = user, Password = password } };
        Assert.That(options.Problems(), Has.Some.Contains(problem));
    }

    [Test]
    public void Given_no_SMTP_host_Then_nothing_else_in_its_section_is_required() =>
        Assert.That(new NotificationsOptions().Problems(), Is.Empty);
}

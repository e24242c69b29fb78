using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;

namespace Ecommerce.IntegrationTests.Testing;

/// <summary>The testing package's SMTP sink keeps each message as MailKit sent it, by DATA (its doubled dots undone) and by BDAT.</summary>
[TestFixture]
public sealed class SmtpSinkTests
{
    [TestCase(false, "DATA")]
    [TestCase(true, "BDAT")]
    public async Task Given_messages_sent_by_MailKit_Then_each_is_kept_as_sent_with_its_command(bool chunking, string command)
    {
        await using var sink = new SmtpSink(keepMessages: true);
        using var client = chunking ? new ChunkingClient() : new SmtpClient();
        await client.ConnectAsync("127.0.0.1", sink.Port, SecureSocketOptions.None);
        var sent = new[]
        {
            Message("a@example.com", "Dots", "first\r\n.\r\n..two dots\r\n.last", ContentEncoding.SevenBit), // a lone dot would end DATA unless doubled
            Message("b@example.co.jp", "ご注文ありがとうございます", "田中太郎 様\r\nご注文を承りました。", ContentEncoding.Base64),
        };
        foreach (var message in sent) await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);

        Assert.That(sink.Messages, Is.EqualTo(2));
        Assert.That(sink.Received.Select(e => e.Command), Is.EqualTo(new[] { command, command }));
        foreach (var (message, kept) in sent.Zip(sink.Received))
        {
            using var wire = new MemoryStream();
            var format = FormatOptions.Default.Clone();
            format.NewLineFormat = NewLineFormat.Dos;
            await message.WriteToAsync(format, wire);
            Assert.That(kept.Raw, Is.EqualTo(wire.ToArray()), "byte for byte");
            var parsed = MimeMessage.Load(new MemoryStream(kept.Raw));
            Assert.That((parsed.Subject, parsed.TextBody?.TrimEnd()), Is.EqualTo((message.Subject, message.TextBody)));
            Assert.That(kept.Recipients, Is.EqualTo(new[] { message.To.Mailboxes.Single().Address }));
        }
    }

    [Test]
    public async Task Given_commands_without_their_parameters_Then_the_sink_answers_501_and_keeps_the_conversation()
    {
        await using var sink = new SmtpSink(keepMessages: true);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, sink.Port);
        using var reader = new StreamReader(tcp.GetStream());
        await using var writer = new StreamWriter(tcp.GetStream()) { NewLine = "\r\n", AutoFlush = true };
        Assert.That(await reader.ReadLineAsync(), Does.StartWith("220"));
        foreach (var (command, reply) in new[] { ("RCPT TO:nobody", "501"), ("BDAT many LAST", "501"), ("NOOP", "250") })
        {
            await writer.WriteLineAsync(command);
            Assert.That(await reader.ReadLineAsync(), Does.StartWith(reply), command);
        }
        Assert.That(sink.Messages, Is.EqualTo(0));
    }

    private static MimeMessage Message(string to, string subject, string body, ContentEncoding encoding)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart(TextFormat.Plain) { Text = body, ContentTransferEncoding = encoding } };
        message.From.Add(MailboxAddress.Parse("shop@example.com"));
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    private sealed class ChunkingClient : SmtpClient
    {
        protected override bool PreferSendAsBinaryData => true;
    }
}

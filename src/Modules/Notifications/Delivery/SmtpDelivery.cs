using System.Security.Cryptography.X509Certificates;
using System.Text;
using Ecommerce.Notifications.Domain;
using Ecommerce.Shared.Outbox;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Ecommerce.Notifications.Delivery;

/// <summary>
/// Emails over SMTP, written by MimeKit, on <c>Notifications:Smtp:Connections</c> kept connections
/// (<see cref="SmtpConnection"/>): a provider far away answers each exchange after a round trip, so several connections
/// carry several times as many. The worker gives each order's messages to one lane, so they still go out in order.
/// </summary>
internal sealed class SmtpDelivery : IDeliveryProvider, IAsyncDisposable
{
    private readonly SmtpOptions _smtp;
    private readonly string _messageIdDomain;
    private readonly SmtpPace _pace;
    private readonly SmtpConnection[] _connections;

    public SmtpDelivery(IOptions<NotificationsOptions> options, TimeProvider clock, ILogger<SmtpDelivery> logger)
    {
        _smtp = options.Value.Smtp;
        _messageIdDomain = MailboxAddress.Parse(_smtp.From!).Domain;
        var authority = _smtp.CertificateAuthorityFile is { Length: > 0 } file ? X509CertificateLoader.LoadCertificateFromFile(file) : null;
        _pace = new SmtpPace(_smtp.MaxPerSecond, clock);
        _connections = [.. Enumerable.Range(0, _smtp.Connections).Select(_ => new SmtpConnection(_smtp, authority, clock, logger))];
    }

    public string Channel => Notification.Email;

    public int Lanes => _connections.Length;

    public string NewMessageId() => $"{Guid.NewGuid():N}@{_messageIdDomain}";

    /// <summary>A group goes out in one write where the server pipelines (<see cref="SmtpSession"/>); with a pace, one at a time.</summary>
    public int MostAtOnce => _smtp.MaxPerSecond > 0 ? 1 : 100;

    public async Task<IReadOnlyList<Attempt>> DeliverAsync(IReadOnlyList<Notification> notifications, int lane, CancellationToken cancellationToken)
    {
        var outcomes = new Attempt[notifications.Count];
        var envelopes = new List<SmtpEnvelope>(notifications.Count);
        var sent = new List<int>(notifications.Count);
        for (var i = 0; i < notifications.Count; i++)
        {
            try
            {
                envelopes.Add(Envelope(Compose(notifications[i])));
                sent.Add(i);
            }
            catch (Exception unreadable) when (unreadable is ParseException or FormatException)
            {
                outcomes[i] = new Attempt(Shared.Outbox.Delivery.Refused, $"Not an email address MIME can carry: {unreadable.Message}");
            }
        }
        if (envelopes.Count > 0)
        {
            var attempts = await _connections[lane].SendAsync(envelopes, cancellationToken);
            for (var i = 0; i < sent.Count; i++) outcomes[sent[i]] = attempts[i];
        }
        return outcomes;
    }

    public Task<bool> WaitTurnAsync(DateTimeOffset before, CancellationToken cancellationToken) => _pace.WaitAsync(before, cancellationToken);

    /// <summary>
    /// The stored notification as an email: subject and body exactly as the API recorded them (UTF-8; the subject as
    /// RFC 2047 words when not ASCII, the body base64 or quoted-printable when not), its own Message-Id, the acceptance
    /// time as Date, and marked as sent by a machine.
    /// </summary>
    public MimeMessage Compose(Notification notification)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(_smtp.FromName ?? "", _smtp.From!));
        message.To.Add(MailboxAddress.Parse(notification.Recipient));
        message.Subject = notification.Subject ?? "";
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(notification.CreatedAt, DateTimeKind.Utc));
        message.MessageId = notification.MessageId!;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var text = new TextPart(TextFormat.Plain) { Text = notification.Body };
        text.ContentTransferEncoding = text.GetBestEncoding(EncodingConstraint.SevenBit);
        message.Body = text;
        return message;
    }

    private static readonly FormatOptions Wire = WireFormat(international: false);
    private static readonly FormatOptions InternationalWire = WireFormat(international: true);

    private static FormatOptions WireFormat(bool international)
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = international;
        return format;
    }

    /// <summary>
    /// The envelope's addresses as SMTP carries them (a domain that is not ASCII in its IDNA form; a mailbox name that is
    /// not needs the server's SMTPUTF8) and the message's bytes, lines ending in CRLF.
    /// </summary>
    private static SmtpEnvelope Envelope(MimeMessage message)
    {
        var from = message.From.Mailboxes.Single().GetAddress(idnEncode: true);
        var to = message.To.Mailboxes.Single().GetAddress(idnEncode: true);
        // An address goes into a command line: a line break in it would be a command of its own.
        if (from.Any(char.IsControl) || to.Any(char.IsControl) || from.Contains('>') || to.Contains('>'))
            throw new FormatException("an address with a control character or '>' cannot go into an SMTP command");
        var international = !Ascii.IsValid(from) || !Ascii.IsValid(to);
        using var bytes = new MemoryStream(2048);
        message.WriteTo(international ? InternationalWire : Wire, bytes);
        return new SmtpEnvelope(from, to, international, bytes.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }
}

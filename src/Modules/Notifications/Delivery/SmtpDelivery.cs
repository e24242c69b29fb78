using System.Security.Cryptography.X509Certificates;
using Ecommerce.Notifications.Domain;
using Ecommerce.Shared.Outbox;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Ecommerce.Notifications.Delivery;

/// <summary>
/// Emails over SMTP (MailKit), on <c>Notifications:Smtp:Connections</c> kept connections (<see cref="SmtpConnection"/>):
/// a provider far away answers each message after a round trip or two, so several connections carry several times as
/// many. The worker gives each order's messages to one lane, so they still go out in order.
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

    public async Task<Attempt> DeliverAsync(Notification notification, int lane, CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            message = Compose(notification);
        }
        catch (ParseException unreadable)
        {
            return new Attempt(Shared.Outbox.Delivery.Refused, $"Not an email address MIME can carry: {unreadable.Message}");
        }
        return await _connections[lane].SendAsync(message, cancellationToken);
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

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }
}

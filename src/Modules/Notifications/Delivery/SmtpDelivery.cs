using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Ecommerce.Notifications.Domain;
using Ecommerce.Shared.Outbox;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Ecommerce.Notifications.Delivery;

/// <summary>
/// Emails over SMTP (MailKit). One connection, kept open between messages and rounds (a bulk import's thousands of
/// emails go over it), closed after a minute idle and opened again when the server dropped it. A 5xx reply is a refusal
/// for good (550 no such mailbox); a 4xx reply, a refused connection, a TLS or login failure and a timeout are worth
/// another try. The password is only ever given to the server.
/// </summary>
internal sealed class SmtpDelivery : IDeliveryProvider, IAsyncDisposable
{
    private static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(1);

    private readonly SmtpOptions _smtp;
    private readonly TimeProvider _clock;
    private readonly ILogger<SmtpDelivery> _logger;
    private readonly string _messageIdDomain;
    private readonly X509Certificate2? _authority;
    private readonly SmtpPace _pace;
    private SmtpClient? _client;
    private DateTimeOffset _lastUsed;

    public SmtpDelivery(IOptions<NotificationsOptions> options, TimeProvider clock, ILogger<SmtpDelivery> logger)
    {
        _smtp = options.Value.Smtp;
        _clock = clock;
        _logger = logger;
        _messageIdDomain = MailboxAddress.Parse(_smtp.From!).Domain;
        _authority = _smtp.CertificateAuthorityFile is { Length: > 0 } file ? X509CertificateLoader.LoadCertificateFromFile(file) : null;
        _pace = new SmtpPace(_smtp.MaxPerSecond, clock);
    }

    public string Channel => Notification.Email;

    public string NewMessageId() => $"{Guid.NewGuid():N}@{_messageIdDomain}";

    public async Task<Attempt> DeliverAsync(Notification notification, CancellationToken cancellationToken)
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
        await _pace.WaitAsync(cancellationToken);
        // A kept connection the server has dropped since fails at once: one more try on a fresh one before giving up.
        var kept = _client is { IsConnected: true } && _clock.GetUtcNow() - _lastUsed < IdleLimit;
        var attempt = await TryAsync(message, cancellationToken);
        if (kept && attempt is { Delivery: Shared.Outbox.Delivery.Retry } && _client is null)
            attempt = await TryAsync(message, cancellationToken);
        return attempt;
    }

    private async Task<Attempt> TryAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var client = await ConnectedAsync(cancellationToken);
            // MailKit returns the text of the server's final 250 reply.
            var reply = await client.SendAsync(message, cancellationToken);
            _lastUsed = _clock.GetUtcNow();
            return Attempt.Accepted($"250 {reply}");
        }
        catch (SmtpCommandException refused)
        {
            // The server answered: the connection stays usable (MailKit reset the transaction).
            _lastUsed = _clock.GetUtcNow();
            var code = (int)refused.StatusCode;
            var error = $"{code} {refused.Message}";
            return new Attempt(code >= 500 ? Shared.Outbox.Delivery.Refused : Shared.Outbox.Delivery.Retry, error);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // No answer, a broken conversation, TLS or login refused: the connection is not trusted again.
            await DropAsync();
            return Attempt.NoAnswer(exception);
        }
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } && _clock.GetUtcNow() - _lastUsed < IdleLimit) return _client;
        await DropAsync();
        var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(_smtp.TimeoutSeconds).TotalMilliseconds };
        if (_authority is not null) client.ServerCertificateValidationCallback = TrustingAuthority;
        try
        {
            await client.ConnectAsync(_smtp.Host!, _smtp.Port, (SecureSocketOptions)_smtp.Security, cancellationToken);
            if (_smtp.UserName is { Length: > 0 } user) await client.AuthenticateAsync(user, _smtp.Password!, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        _logger.LogInformation("Connected to SMTP server {SmtpHost}:{SmtpPort} ({Security})", _smtp.Host, _smtp.Port, client.IsSecure ? "TLS" : "plain");
        _client = client;
        return client;
    }

    /// <summary>The system's trust, or else a chain that ends at the configured authority; a name mismatch is never accepted.</summary>
    private bool TrustingAuthority(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_authority!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }

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

    private async Task DropAsync()
    {
        if (_client is not { } client) return;
        _client = null;
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(quit: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Closing a connection that is already broken: nothing to do about it.
        }
        client.Dispose();
    }

    public async ValueTask DisposeAsync() => await DropAsync();
}

using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Ecommerce.Shared.Outbox;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Ecommerce.Notifications.Delivery;

/// <summary>
/// One SMTP connection, kept open between messages and rounds, closed after a minute idle and opened again when the
/// server dropped it. A 5xx reply is a refusal for good (550 no such mailbox); a 4xx reply, a refused connection, a TLS or
/// login failure and a timeout are worth another try. The password is only ever given to the server. One caller at a time.
/// </summary>
internal sealed class SmtpConnection(SmtpOptions smtp, X509Certificate2? authority, TimeProvider clock, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(1);

    private SmtpClient? _client;
    private DateTimeOffset _lastUsed;

    public async Task<Attempt> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        // A kept connection the server has dropped since fails at once: one more try on a fresh one before giving up.
        var kept = IsOpen;
        var attempt = await TryAsync(message, cancellationToken);
        if (kept && attempt is { Delivery: Shared.Outbox.Delivery.Retry } && _client is null)
            attempt = await TryAsync(message, cancellationToken);
        return attempt;
    }

    private bool IsOpen => _client is { IsConnected: true } && clock.GetUtcNow() - _lastUsed < IdleLimit;

    private async Task<Attempt> TryAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var client = await ConnectedAsync(cancellationToken);
            // MailKit returns the text of the server's final 250 reply.
            var reply = await client.SendAsync(message, cancellationToken);
            _lastUsed = clock.GetUtcNow();
            return Attempt.Accepted($"250 {reply}");
        }
        catch (SmtpCommandException refused)
        {
            // The server answered: the connection stays usable (MailKit reset the transaction).
            _lastUsed = clock.GetUtcNow();
            var code = (int)refused.StatusCode;
            return new Attempt(code >= 500 ? Shared.Outbox.Delivery.Refused : Shared.Outbox.Delivery.Retry, $"{code} {refused.Message}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // No answer, a broken conversation, TLS or login refused: the connection is not trusted again.
            await DisposeAsync();
            return Attempt.NoAnswer(exception);
        }
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (IsOpen) return _client!;
        await DisposeAsync();
        var client = new ChunkingSmtpClient { Timeout = (int)TimeSpan.FromSeconds(smtp.TimeoutSeconds).TotalMilliseconds };
        if (authority is not null) client.ServerCertificateValidationCallback = TrustingAuthority;
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, (SecureSocketOptions)smtp.Security, cancellationToken);
            if (smtp.UserName is { Length: > 0 } user) await client.AuthenticateAsync(user, smtp.Password!, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        logger.LogInformation("Connected to SMTP server {SmtpHost}:{SmtpPort} ({Security})", smtp.Host, smtp.Port, client.IsSecure ? "TLS" : "plain");
        _client = client;
        return client;
    }

    /// <summary>
    /// BDAT (CHUNKING) wherever the server offers it, as Postfix, Exchange and Gmail do: the message follows its command
    /// without waiting for DATA's 354, a round trip fewer per message; DATA as before where it is not offered.
    /// </summary>
    private sealed class ChunkingSmtpClient : SmtpClient
    {
        protected override bool PreferSendAsBinaryData => true;
    }

    /// <summary>The system's trust, or else a chain that ends at the configured authority; a name mismatch is never accepted.</summary>
    private bool TrustingAuthority(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(authority!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }

    public async ValueTask DisposeAsync()
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
}

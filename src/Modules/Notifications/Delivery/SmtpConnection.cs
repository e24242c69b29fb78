using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Ecommerce.Shared.Outbox;

namespace Ecommerce.Notifications.Delivery;

/// <summary>
/// One SMTP connection (<see cref="SmtpSession"/>), kept open between groups and rounds, closed after a minute idle and
/// opened again when the server dropped it. A 5xx reply is a refusal for good (550 no such mailbox); a 4xx reply, a
/// refused connection, a TLS or login failure and a timeout (<c>Notifications:Smtp:TimeoutSeconds</c> for the connection,
/// and again for each group) are worth another try. The password is only ever given to the server. One caller at a time.
/// </summary>
internal sealed class SmtpConnection(SmtpOptions smtp, X509Certificate2? authority, TimeProvider clock, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(1);

    private SmtpSession? _session;
    private DateTimeOffset _lastUsed;

    /// <summary>Each message's outcome, in order.</summary>
    public async Task<IReadOnlyList<Attempt>> SendAsync(IReadOnlyList<SmtpEnvelope> messages, CancellationToken cancellationToken)
    {
        // A kept connection the server has dropped since fails before any reply: the group once more on a fresh one.
        var kept = IsOpen;
        var (outcomes, answered) = await TryAsync(messages, cancellationToken);
        if (kept && answered == 0 && _session is null) (outcomes, _) = await TryAsync(messages, cancellationToken);
        return outcomes;
    }

    private bool IsOpen => _session is not null && clock.GetUtcNow() - _lastUsed < IdleLimit;

    /// <summary>The outcomes and how many of them the server answered before the conversation broke (if it did).</summary>
    private async Task<(List<Attempt> Outcomes, int Answered)> TryAsync(IReadOnlyList<SmtpEnvelope> messages, CancellationToken cancellationToken)
    {
        var outcomes = new List<Attempt>(messages.Count);
        try
        {
            var session = await ConnectedAsync(cancellationToken);
            using (var timeout = Timeout(cancellationToken)) await session.SendAsync(messages, outcomes, timeout.Token);
            _lastUsed = clock.GetUtcNow();
            return (outcomes, outcomes.Count);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // No answer, a broken conversation, TLS or login refused: the connection is not trusted again.
            await DisposeAsync();
            var answered = outcomes.Count;
            var noAnswer = Attempt.NoAnswer(exception is OperationCanceledException
                ? new TimeoutException($"The SMTP server did not answer within {smtp.TimeoutSeconds:0.###} s") : exception);
            while (outcomes.Count < messages.Count) outcomes.Add(noAnswer);
            return (outcomes, answered);
        }
    }

    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(smtp.TimeoutSeconds));
        return timeout;
    }

    private async Task<SmtpSession> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (IsOpen) return _session!;
        await DisposeAsync();
        using (var timeout = Timeout(cancellationToken))
            _session = await SmtpSession.OpenAsync(smtp, authority is null ? null : TrustingAuthority, timeout.Token);
        logger.LogInformation("Connected to SMTP server {SmtpHost}:{SmtpPort} ({Security})", smtp.Host, smtp.Port, _session.IsSecure ? "TLS" : "plain");
        return _session;
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
        if (_session is not { } session) return;
        _session = null;
        await session.DisposeAsync();
    }
}

using Ecommerce.Shared.Hosting;

namespace Ecommerce.Notifications;

/// <summary>The <c>Notifications</c> section of the configuration (docs/configuration.md).</summary>
public sealed class NotificationsOptions : IModuleOptions
{
    public const string Section = "Notifications";

    /// <summary>Sends allowed per rolling second on POST /email and, separately, on POST /sms; reads are not limited.</summary>
    public int RateLimitPerSecond { get; set; } = 10;

    /// <summary>Where emails go; without a <see cref="SmtpOptions.Host"/> they are only logged.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Where text messages go; without a <see cref="SmsOptions.Url"/> they are only logged.</summary>
    public SmsOptions Sms { get; set; } = new();

    public IEnumerable<string> Problems() =>
        ModuleOptions.WholeNumber("Notifications:RateLimitPerSecond", RateLimitPerSecond, 1, 10_000_000)
            .Concat(Smtp.Problems()).Concat(Sms.Problems());
}

/// <summary>SMTP security: <c>StartTls</c> and <c>SslOnConnect</c> require TLS (never plain text); <c>Auto</c> uses TLS on port 465 and STARTTLS wherever the server offers it.</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
    Auto,
}

/// <summary><c>Notifications:Smtp</c>: the mail server every email is handed to.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    /// <summary>0: 465 with <see cref="SmtpSecurity.SslOnConnect"/>, else 25. A provider's submission port is 587 with StartTls.</summary>
    public int Port { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string? From { get; set; }
    public string? FromName { get; set; }
    /// <summary>Connections kept open to the server, each carrying one message at a time (an order's messages all on one).</summary>
    public int Connections { get; set; } = 4;
    /// <summary>Emails handed over per second at most (0: as fast as the server takes them), apart from the API's limit.</summary>
    public double MaxPerSecond { get; set; }
    /// <summary>A PEM certificate to trust besides the system's, for a relay whose certificate a private authority issued.</summary>
    public string? CertificateAuthorityFile { get; set; }
    public double TimeoutSeconds { get; set; } = 30;

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<string> Problems()
    {
        if (!Configured) yield break;
        if (string.IsNullOrWhiteSpace(From) || !MimeKit.MailboxAddress.TryParse(From, out _))
            yield return "Notifications:Smtp:From must be the sender's email address when Notifications:Smtp:Host is set.";
        foreach (var problem in ModuleOptions.WholeNumber("Notifications:Smtp:Port", Port, 0, 65535)) yield return problem;
        foreach (var problem in ModuleOptions.WholeNumber("Notifications:Smtp:Connections", Connections, 1, 32)) yield return problem;
        foreach (var problem in ModuleOptions.Seconds("Notifications:Smtp:TimeoutSeconds", TimeoutSeconds)) yield return problem;
        if (!(MaxPerSecond >= 0) || double.IsInfinity(MaxPerSecond))
            yield return $"Notifications:Smtp:MaxPerSecond must be 0 (no limit) or a number of emails per second, not {MaxPerSecond}.";
        if (UserName is { Length: > 0 } != Password is { Length: > 0 })
            yield return "Notifications:Smtp:UserName and Notifications:Smtp:Password go together: set both or neither.";
        if (CertificateAuthorityFile is { Length: > 0 } file && !File.Exists(file))
            yield return $"Notifications:Smtp:CertificateAuthorityFile names a file that does not exist: {file}.";
    }
}

/// <summary><c>Notifications:Sms</c>: an HTTP gateway each text message is POSTed to as <c>{"to","body","reference"}</c>.</summary>
public sealed class SmsOptions
{
    public string? Url { get; set; }
    /// <summary>Sent as <c>Authorization: Bearer</c>.</summary>
    public string? Token { get; set; }
    public double TimeoutSeconds { get; set; } = 30;

    public bool Configured => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<string> Problems()
    {
        if (!Configured) yield break;
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            yield return $"Notifications:Sms:Url must be an absolute http(s) URL, not '{Url}'.";
        foreach (var problem in ModuleOptions.Seconds("Notifications:Sms:TimeoutSeconds", TimeoutSeconds)) yield return problem;
    }
}

namespace Ecommerce.Orders.Outbox;

/// <summary>What became of an email sent to Notifications.</summary>
internal enum EmailDelivery
{
    /// <summary>Notifications stored it (201).</summary>
    Sent,
    /// <summary>Notifications refused it for good (a 4xx other than 429): sending it again would be refused again.</summary>
    Refused,
    /// <summary>Not taken this time (429, 5xx, timeout, no connection): it is owed and tried again.</summary>
    Retry,
}

/// <summary>An attempt's outcome; <see cref="RetryAfter"/> is the server's Retry-After on a 429.</summary>
internal sealed record EmailAttempt(EmailDelivery Delivery, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static readonly EmailAttempt Sent = new(EmailDelivery.Sent);
}

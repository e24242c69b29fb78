using Ecommerce.Shared.Stats;

namespace Ecommerce.Notifications.Domain;

internal sealed class Notification : ICreated
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Sent = "sent";

    public int Id { get; private set; }
    public int OrderId { get; private set; }
    public string Channel { get; private set; } = "";
    public string TemplateName { get; private set; } = "";
    public string Recipient { get; private set; } = "";
    public string? Subject { get; private set; }
    public string Body { get; private set; } = "";
    /// <summary>The contract's status: always <c>sent</c>, meaning accepted. What reached the person is <see cref="DeliveryState"/>.</summary>
    public string Status { get; private set; } = "";
    public DateTime? SentAt { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public string DeliveryState { get; private set; } = Domain.DeliveryState.Logged;
    public int DeliveryAttempts { get; private set; }
    public string? DeliveryError { get; private set; }
    /// <summary>The provider's answer when it took the message (an SMTP server's <c>250 …</c>, a gateway's status and body).</summary>
    public string? DeliveryReply { get; private set; }
    public DateTime? DeliveredAt { get; private set; }
    /// <summary>
    /// The email's <c>Message-Id</c> (without angle brackets) or the SMS's <c>reference</c>: chosen when the message is
    /// accepted and the same on every attempt, so a receiver can drop a copy sent again after a crash.
    /// </summary>
    public string? MessageId { get; private set; }

    /// <summary>
    /// Recorded as sent when accepted: delivery is the sender's business, not the caller's wait. With a provider for its
    /// channel (<paramref name="messageId"/> given) it is queued for the delivery worker, else only logged.
    /// </summary>
    public static Notification Accepted(int orderId, string channel, string template, string recipient, string? subject, string body, DateTime now,
        string? messageId) => new()
    {
        OrderId = orderId,
        Channel = channel,
        TemplateName = template,
        Recipient = recipient,
        Subject = subject,
        Body = body,
        Status = Sent,
        SentAt = now,
        CreatedAt = now,
        DeliveryState = messageId is null ? Domain.DeliveryState.Logged : Domain.DeliveryState.Queued,
        MessageId = messageId,
    };
}

/// <summary>What became of a notification after the API accepted it.</summary>
internal static class DeliveryState
{
    /// <summary>Waiting for the delivery worker (first attempt, or a retry after a transient failure).</summary>
    public const string Queued = "queued";
    /// <summary>The provider took it (SMTP 250, gateway 2xx).</summary>
    public const string Delivered = "delivered";
    /// <summary>Refused for good (SMTP 5xx, gateway 4xx): not tried again unless someone sends it again.</summary>
    public const string Failed = "failed";
    /// <summary>No provider is configured for its channel: written to the log only.</summary>
    public const string Logged = "logged";

    public static readonly string[] All = [Queued, Delivered, Failed, Logged];

    /// <summary>The state an attempt leaves: taken, refused for good, or queued for another try.</summary>
    public static string After(Shared.Outbox.Delivery outcome) => outcome switch
    {
        Shared.Outbox.Delivery.Done => Delivered,
        Shared.Outbox.Delivery.Refused => Failed,
        _ => Queued,
    };
}

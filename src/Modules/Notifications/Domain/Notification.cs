namespace Ecommerce.Notifications.Domain;

internal sealed class Notification
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
    public string Status { get; private set; } = "";
    public DateTime? SentAt { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>Recorded as sent when accepted: delivery is the sender's business, not the caller's wait.</summary>
    public static Notification Accepted(int orderId, string channel, string template, string recipient, string? subject, string body, DateTime now) => new()
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
    };
}

namespace Ecommerce.Notifications.Contracts;

/// <summary>An email or text message as it was sent: the template rendered with its data.</summary>
public sealed record NotificationResponse(
    int Id, int OrderId, string Channel, string TemplateName, string Recipient, string? Subject, string Body,
    string Status, DateTime? SentAt, DateTime CreatedAt);

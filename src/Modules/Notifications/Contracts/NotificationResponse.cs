namespace Ecommerce.Notifications.Contracts;

public sealed record NotificationResponse(
    int Id, int OrderId, string Channel, string TemplateName, string Recipient, string? Subject, string Body,
    string Status, DateTime? SentAt, DateTime CreatedAt);

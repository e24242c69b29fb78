namespace Ecommerce.Notifications.Contracts;

/// <summary>
/// What became of a notification after it was accepted: <c>state</c> queued, delivered, failed or logged (no provider
/// configured); the attempts made; the last failure; when and with which answer the provider took it; the email's
/// Message-Id (without angle brackets) or the SMS's reference, the same on every attempt.
/// </summary>
public sealed record DeliveryResponse(
    int NotificationId, string State, int Attempts, string? LastError, DateTime? DeliveredAt, string? MessageId, string? ProviderReply);

namespace Ecommerce.Notifications.Contracts;

/// <summary>
/// The notifications accepted in a period, aggregated by the database (GET /notifications/stats): by template, by
/// channel, and by delivery state now (queued, delivered, failed, logged). Requests refused by the rate limit are not
/// stored, so they are not counted here (the 429s are in the request log and the HTTP metrics).
/// </summary>
public sealed record NotificationStatsResponse(
    DateTime From, DateTime To, int Notifications, IReadOnlyDictionary<string, int> ByTemplate, IReadOnlyDictionary<string, int> ByChannel,
    IReadOnlyDictionary<string, int> ByDeliveryState);

using Ecommerce.Notifications.Data;
using Ecommerce.Notifications.Domain;
using Ecommerce.Shared.Persistence;

namespace Ecommerce.Notifications.Delivery;

/// <summary>
/// Stores what the API accepted. A message whose channel has a provider is queued for the delivery worker in the same
/// transaction (never lost, never blocking the answer); one without is written to the log, as the original did.
/// </summary>
internal sealed class NotificationIntake(NotificationsDbContext db, DeliveryProviders providers, LoggedDelivery logged, NotificationsMetrics metrics)
{
    /// <summary>The message id a new notification of <paramref name="channel"/> gets: null when it is only logged.</summary>
    public string? NewMessageId(string channel) => providers.NewMessageId(channel);

    public async Task StoreAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0) return;
        var queued = notifications.Where(n => n.DeliveryState == DeliveryState.Queued).ToList();
        if (queued.Count == 0) await db.InsertAllAsync(notifications, cancellationToken);
        else
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.InsertAllAsync(notifications, cancellationToken);
            await db.InsertAllAsync(queued.Select(n => new OwedDelivery
            {
                NotificationId = n.Id, OrderId = n.OrderId, Channel = n.Channel, NextAttemptAt = n.CreatedAt,
            }).ToList(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        metrics.Sent(notifications);
        var onlyLogged = notifications.Where(n => n.DeliveryState == DeliveryState.Logged).ToList();
        if (onlyLogged.Count == 0) return;
        logged.Log(onlyLogged);
        metrics.Delivery(onlyLogged[0].Channel, DeliveryState.Logged, onlyLogged.Count);
    }
}

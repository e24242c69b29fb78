using Ecommerce.Notifications.Data;
using Ecommerce.Notifications.Delivery;
using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Notifications.Features.GetNotifications;

/// <summary>
/// The marker of GET /notifications/changes: the latest notification, how many deliveries are owed (a delivery done or
/// failed leaves that table, one sent again joins it) and the latest audit row.
/// </summary>
internal static class NotificationChanges
{
    public static async Task<string> MarkerAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<NotificationsDbContext>();
        var latest = await db.Notifications.MaxAsync(n => (int?)n.Id, ct) ?? 0;
        var owed = await db.Set<OwedDelivery>().CountAsync(ct);
        var audited = await db.Set<AuditEntry>().MaxAsync(e => (long?)e.Id, ct) ?? 0;
        return $"{latest}.{owed}.{audited}";
    }
}

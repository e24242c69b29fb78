using Ecommerce.Orders.Data;
using Ecommerce.Orders.Outbox;
using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Features.GetOrders;

/// <summary>
/// The marker of GET /orders/changes: the latest audit row (every order created, moved, paid, cancelled writes one) and
/// the latest attempt of an owed step (an email tried again).
/// </summary>
internal static class OrderChanges
{
    public static async Task<string> MarkerAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<OrdersDbContext>();
        var audited = await db.Set<AuditEntry>().MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var attempted = await db.Set<StepAttempt>().MaxAsync(a => (long?)a.Id, ct) ?? 0;
        return $"{audited}.{attempted}";
    }
}

using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Errors;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Data;

internal static class OrderQueries
{
    public static async Task<Order> LoadAsync(this OrdersDbContext db, int orderId, CancellationToken cancellationToken = default) =>
        await db.Orders.Include(o => o.Items.OrderBy(i => i.Id)).FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken)
        ?? throw ApiError.NotFound("Order not found");

    /// <summary>
    /// Moves an order from <paramref name="from"/> to <paramref name="to"/> only if it is still in <paramref name="from"/>:
    /// a conditional update the database applies atomically, so of two concurrent changes exactly one wins.
    /// </summary>
    public static async Task<bool> TryMoveAsync(this OrdersDbContext db, int orderId, string from, string to, DateTime now) =>
        await db.Orders
            .Where(o => o.Id == orderId && o.Status == from)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.Status, to).SetProperty(x => x.UpdatedAt, now)) == 1;
}

using Ecommerce.Orders.Domain;
using Ecommerce.Orders.Outbox;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Data;

internal static class OrderQueries
{
    /// <summary>
    /// New orders, their items and their unfinished chains in one transaction, through BulkInsert (one prepared statement per table on SQLite):
    /// the same path for one order from POST /orders and for a thousand from a bulk chunk. A refused row (a repeated
    /// external_id) rolls the whole transaction back and surfaces as DbUpdateException. Their audit rows (with how they
    /// came: <c>bulk import</c>) go in with them.
    /// </summary>
    public static async Task InsertAsync(this OrdersDbContext db, IReadOnlyList<Order> orders, string? how = null, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.InsertAllAsync(orders, cancellationToken);
        foreach (var order in orders) order.LinkItemsToId();
        await db.InsertAllAsync(orders.SelectMany(o => o.Items).ToList(), cancellationToken);
        // Each order's chain (charge, then its email) is owed from the moment the order exists: recovery finishes it
        // if the process dies before the request that started it does.
        await db.InsertAllAsync(orders.Select(o => new UnfinishedChain { OrderId = o.Id, StartedAt = o.CreatedAt, NextAttemptAt = o.CreatedAt }).ToList(),
            cancellationToken);
        await db.AuditAsync(orders.Select(o => db.AuditRow(o.CreatedAt, "order.created", $"order {o.Id}", how)).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // The order chain's queries, compiled: each order runs every one of them (see CompiledPerModel).
    private static readonly CompiledPerModel<Func<OrdersDbContext, int, CancellationToken, Task<Order?>>> ById = new(() =>
        EF.CompileAsyncQuery((OrdersDbContext db, int id, CancellationToken _) => db.Orders.Include(o => o.Items.OrderBy(i => i.Id)).FirstOrDefault(o => o.Id == id)));

    private static readonly CompiledPerModel<Func<OrdersDbContext, int, Task<OrderState>>> StateById = new(() =>
        EF.CompileAsyncQuery((OrdersDbContext db, int id) => db.Orders.Where(o => o.Id == id).Select(o => new OrderState(o.Status, o.UpdatedAt)).Single()));

    private sealed record OrderState(string Status, DateTime UpdatedAt);

    public static async Task<Order> LoadAsync(this OrdersDbContext db, int orderId, CancellationToken cancellationToken = default) =>
        await ById.For(db)(db, orderId, cancellationToken) ?? throw ApiError.NotFound("Order not found");

    /// <summary>Brings a read copy up to date with what others (the webhook, a concurrent request) have since written.</summary>
    public static async Task RefreshAsync(this OrdersDbContext db, Order order)
    {
        var state = await StateById.For(db)(db, order.Id);
        order.Moved(state.Status, state.UpdatedAt);
    }

    /// <summary>
    /// Moves the order to <paramref name="to"/> only if it is still in the status it was read with: a conditional update
    /// the database applies atomically, so of two concurrent changes exactly one wins. On success the read copy follows.
    /// The move's audit row is written with it (in the caller's transaction, or in one of its own), saying what moved it
    /// when that is not the actor alone (<paramref name="by"/>: the payment's webhook, recovery).
    /// </summary>
    public static async Task<bool> TryMoveAsync(this OrdersDbContext db, Order order, string to, DateTime now, string? by = null)
    {
        var from = order.Status;
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        // Not compiled: EF 10 cannot compile ExecuteUpdate's setters (they are no longer an expression).
        var changed = await db.Orders
            .Where(o => o.Id == order.Id && o.Status == from)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.Status, to).SetProperty(x => x.UpdatedAt, now)) == 1;
        if (changed) await db.AuditAsync([db.AuditRow(now, $"order.{to}", $"order {order.Id}", MoveDetail(from, by))]);
        if (own is not null) await own.CommitAsync();
        if (changed) order.Moved(to, now);
        return changed;
    }

    /// <summary>
    /// The set-based form of <see cref="TryMoveAsync"/>, for batches: each of the orders still in <paramref name="from"/>
    /// moves to <paramref name="to"/> in one statement, the others stay as they are. Only a move the state machine allows.
    /// </summary>
    public static async Task<int> MoveAllAsync(this OrdersDbContext db, IReadOnlyCollection<int> orderIds, string from, string to, DateTime now,
        string? by = null, CancellationToken cancellationToken = default)
    {
        if (!OrderStatus.CanChange(from, to)) throw new InvalidOperationException($"No order moves from '{from}' to '{to}'.");
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var moved = await db.Orders
            .Where(o => orderIds.Contains(o.Id) && o.Status == from)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.Status, to).SetProperty(x => x.UpdatedAt, now), cancellationToken);
        if (moved > 0)
        {
            // Which ones this statement moved: read in its own transaction, after its write, they carry its time.
            var ids = await db.Orders.Where(o => orderIds.Contains(o.Id) && o.Status == to && o.UpdatedAt == now).Select(o => o.Id).ToListAsync(cancellationToken);
            await db.AuditAsync(ids.Select(id => db.AuditRow(now, $"order.{to}", $"order {id}", MoveDetail(from, by))).ToList(), cancellationToken);
        }
        if (own is not null) await own.CommitAsync(cancellationToken);
        return moved;
    }

    /// <summary>The audit detail of a move: <c>from pending</c>, <c>from pending, by the payment's webhook</c>.</summary>
    private static string MoveDetail(string from, string? by) => by is null ? $"from {from}" : $"from {from}, by {by}";
}

/// <summary>What moved an order to paid, for the audit row's detail (the actor alone would say only <c>module:Payments</c>, or <c>anonymous</c>).</summary>
internal static class OrderMovers
{
    public const string Webhook = "the payment's webhook";
    public const string PaymentAnswer = "the payment's answer";
    public const string Recovery = "recovery";
}

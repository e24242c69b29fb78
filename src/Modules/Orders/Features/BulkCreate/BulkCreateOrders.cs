using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Time;
using Ecommerce.Shared.Validation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Features.BulkCreate;

internal sealed record BulkCreateOrders(BulkOrdersRequest Body) : IRequest<BulkOrdersResponse>;

/// <summary>
/// D13 for many orders at once, chunk by chunk (Orders:BulkChunkSize, default 1000): a chunk's orders committed in one
/// transaction, one Payments batch call (whose one batch webhook marks them paid), one Notifications batch call.
/// Cross-module traffic is O(orders / chunk) and each module commits a chunk in one transaction.
/// </summary>
internal sealed class BulkCreateOrdersHandler(
    OrdersDbContext db, PaymentsClient payments, OrderNotifier notifier, TimeProvider clock, IConfiguration configuration)
    : IRequestHandler<BulkCreateOrders, BulkOrdersResponse>
{
    private readonly int _chunkSize = Math.Max(1, configuration.GetValue<int?>("Orders:BulkChunkSize") ?? 1000);
    private readonly Dictionary<int, int> _orderIdOf = [];   // request index → order id (created or existing)
    private readonly HashSet<int> _existing = [];            // request indexes whose external_id was already known

    public async Task<BulkOrdersResponse> Handle(BulkCreateOrders request, CancellationToken cancellationToken)
    {
        var items = request.Body.Orders;
        var valid = items.Where(i => i.IsValid).ToList();
        await ResolveStoredReferencesAsync(valid);

        // A reference repeated within the request: the first occurrence creates, the others point to it.
        var firstOf = new Dictionary<string, int>();
        var repeats = new Dictionary<int, int>();
        foreach (var item in valid.Where(i => !_orderIdOf.ContainsKey(i.Index) && i.Value!.ExternalId is not null))
            if (!firstOf.TryAdd(item.Value!.ExternalId!, item.Index)) repeats[item.Index] = firstOf[item.Value.ExternalId!];

        // From here on orders exist: their side effects run to the end even if the client goes away.
        foreach (var chunk in valid.Where(i => !_orderIdOf.ContainsKey(i.Index) && !repeats.ContainsKey(i.Index)).Chunk(_chunkSize))
            await PayAndNotifyAsync(await InsertAsync(chunk));
        foreach (var (index, first) in repeats)
        {
            _orderIdOf[index] = _orderIdOf[first];
            _existing.Add(index);
        }

        var orders = await LoadAsync(_orderIdOf.Values.Distinct().ToList());
        var results = items.Select(item => !item.IsValid
            ? new BulkOrderResult(item.Index, "invalid", Errors: item.Errors)
            : new BulkOrderResult(item.Index, _existing.Contains(item.Index) ? "existing" : "created", orders[_orderIdOf[item.Index]])).ToList();
        return new BulkOrdersResponse(results.Count(r => r.Status == "created"), _existing.Count, results.Count(r => r.Status == "invalid"), results);
    }

    /// <summary>Items whose external_id is already stored point to that order and are reported as existing.</summary>
    private async Task ResolveStoredReferencesAsync(IReadOnlyList<BatchItem<BulkOrder>> items)
    {
        var withReference = items.Where(i => i.Value!.ExternalId is not null).ToList();
        var stored = new Dictionary<string, int>();
        foreach (var chunk in withReference.Select(i => i.Value!.ExternalId!).Distinct().Chunk(_chunkSize))
            foreach (var order in await db.Orders.Where(o => chunk.Contains(o.ExternalId!)).Select(o => new { o.ExternalId, o.Id }).ToListAsync())
                stored[order.ExternalId!] = order.Id;
        foreach (var item in withReference)
            if (stored.TryGetValue(item.Value!.ExternalId!, out var id))
            {
                _orderIdOf[item.Index] = id;
                _existing.Add(item.Index);
            }
    }

    /// <summary>One transaction for the chunk; if a concurrent import stored one of its references first, those become existing and the rest goes in.</summary>
    private async Task<List<Order>> InsertAsync(IReadOnlyList<BatchItem<BulkOrder>> chunk)
    {
        var now = clock.UtcNowMicros();
        var orders = chunk.Select(item => Order.Place(item.Value!.Order.CustomerEmail, item.Value.Order.CustomerName, item.Value.Order.Currency,
            item.Value.Order.Items.Select(i => OrderItem.Of(i.ProductName, i.Quantity, i.UnitPrice)), now, item.Value.ExternalId)).ToList();
        db.Orders.AddRange(orders);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            var known = _existing.Count;
            await ResolveStoredReferencesAsync(chunk);
            if (_existing.Count == known) throw;   // not a reference collision: a real failure
            return await InsertAsync(chunk.Where(i => !_orderIdOf.ContainsKey(i.Index)).ToList());
        }
        db.ChangeTracker.Clear();
        for (var i = 0; i < chunk.Count; i++) _orderIdOf[chunk[i].Index] = orders[i].Id;
        return orders;
    }

    private async Task PayAndNotifyAsync(List<Order> orders)
    {
        if (orders.Count == 0) return;
        var outcomes = await payments.CreateBatchAsync(orders.Select(o => (o.Id, o.TotalAmount, o.Currency)).ToList());
        var paid = orders.Where(o => outcomes[o.Id].Succeeded).Select(o => o.Id).ToList();
        // The batch webhook normally did this already; set-based and idempotent, it keeps them right if it was lost.
        await db.Orders.Where(o => paid.Contains(o.Id) && o.Status == OrderStatus.Pending)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.Status, OrderStatus.Paid).SetProperty(x => x.UpdatedAt, clock.UtcNowMicros()));
        await notifier.SendBatchAsync(orders.Select(o => outcomes[o.Id].Succeeded
            ? (o, OrderNotifier.Confirmation, (string?)null)
            : (o, OrderNotifier.PaymentFailed, outcomes[o.Id].FailureReason)));
    }

    private async Task<Dictionary<int, OrderResponse>> LoadAsync(List<int> ids)
    {
        var orders = new Dictionary<int, OrderResponse>(ids.Count);
        foreach (var chunk in ids.Chunk(_chunkSize))
            foreach (var order in await db.Orders.Where(o => chunk.Contains(o.Id)).Include(o => o.Items.OrderBy(i => i.Id)).AsSplitQuery().ToListAsync())
                orders[order.Id] = order.Adapt<OrderResponse>();
        return orders;
    }
}

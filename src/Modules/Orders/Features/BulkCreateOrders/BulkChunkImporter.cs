using Ecommerce.Orders.Chain;
using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Time;
using Ecommerce.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Features.BulkCreateOrders;

/// <summary>What one chunk became: the orders it created (in their final state) and the items that already existed.</summary>
internal sealed record ChunkResult(IReadOnlyList<(int Index, Order Order)> Created, IReadOnlyDictionary<int, int> Existing);

/// <summary>
/// One chunk of a bulk import, with its own DbContext so chunks can overlap: the orders in one transaction, one
/// Payments batch call (whose batch webhook marks them paid), one Notifications batch call.
/// </summary>
internal sealed class BulkChunkImporter(OrdersDbContext db, PaymentsClient payments, OrderChain chain, TimeProvider clock, OrdersMetrics metrics)
{
    public async Task<ChunkResult> ImportAsync(IReadOnlyList<BatchItem<BulkOrder>> chunk)
    {
        var existing = new Dictionary<int, int>();
        var created = await InsertAsync(chunk, existing);
        metrics.BulkRows(created.Count);
        await PayAndNotifyAsync(created.Select(c => c.Order).ToList());
        return new ChunkResult(created, existing);
    }

    /// <summary>One transaction; if a concurrent import stored one of the references first, those items become existing and the rest goes in.</summary>
    private async Task<List<(int Index, Order Order)>> InsertAsync(IReadOnlyList<BatchItem<BulkOrder>> chunk, Dictionary<int, int> existing)
    {
        var now = clock.UtcNowMicros();
        var created = chunk.Select(item => (item.Index, Order: Order.Place(item.Value!.Order.CustomerEmail, item.Value.Order.CustomerName,
            item.Value.Order.Currency, item.Value.Order.Items.Select(i => OrderItem.Of(i.ProductName, i.Quantity, i.UnitPrice)), now,
            item.Value.ExternalId))).ToList();
        try
        {
            await db.InsertAsync(created.Select(c => c.Order).ToList(), "bulk import");
            return created;
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            var references = chunk.Select(i => i.Value!.ExternalId).OfType<string>().ToList();
            var stored = await db.Orders.Where(o => references.Contains(o.ExternalId!)).ToDictionaryAsync(o => o.ExternalId!, o => o.Id);
            if (stored.Count == 0) throw;   // not a reference collision: a real failure
            foreach (var item in chunk)
                if (item.Value!.ExternalId is { } reference && stored.TryGetValue(reference, out var id)) existing[item.Index] = id;
            return await InsertAsync(chunk.Where(i => !existing.ContainsKey(i.Index)).ToList(), existing);
        }
    }

    private async Task PayAndNotifyAsync(List<Order> orders)
    {
        if (orders.Count == 0) return;
        var outcomes = await payments.CreateBatchAsync(orders.Select(o => (o.Id, o.TotalAmount, o.Currency)).ToList());
        await chain.FinishAsync(orders, outcomes, OrderMovers.PaymentAnswer, batch: true);
        foreach (var byStatus in orders.Where(o => !outcomes[o.Id].Interrupted).CountBy(o => o.Status)) metrics.Created(byStatus.Key, byStatus.Value);
    }
}

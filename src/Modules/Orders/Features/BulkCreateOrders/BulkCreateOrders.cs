using System.Collections.Concurrent;
using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Shared.Validation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ecommerce.Orders.Features.BulkCreateOrders;

internal sealed record BulkCreateOrders(BulkOrdersRequest Body) : IRequest<BulkOrdersResponse>;

/// <summary>
/// D13 for many orders at once, chunk by chunk (<c>Orders:BulkChunkSize</c>, default 1000; <c>Orders:BulkParallelism</c>
/// chunks at a time, default 2, so one chunk's inserts overlap another's payments). Cross-module traffic is
/// O(orders / chunk); each module commits a chunk in one transaction. external_id makes re-sending a file safe.
/// </summary>
internal sealed class BulkCreateOrdersHandler(OrdersDbContext db, IServiceScopeFactory scopes, IOptions<OrdersOptions> options)
    : IRequestHandler<BulkCreateOrders, BulkOrdersResponse>
{
    private readonly int _chunkSize = options.Value.BulkChunkSize;
    private readonly int _parallelism = options.Value.BulkParallelism;

    public async Task<BulkOrdersResponse> Handle(BulkCreateOrders request, CancellationToken cancellationToken)
    {
        var items = request.Body.Orders;
        var valid = items.Where(i => i.IsValid).ToList();
        var existing = new ConcurrentDictionary<int, int>(await StoredReferencesAsync(valid));   // index → order id

        // A reference repeated within the request: the first occurrence creates, the others point to it.
        var firstOf = new Dictionary<string, int>();
        var repeats = new Dictionary<int, int>();
        foreach (var item in valid.Where(i => !existing.ContainsKey(i.Index) && i.Value!.ExternalId is not null))
            if (!firstOf.TryAdd(item.Value!.ExternalId!, item.Index)) repeats[item.Index] = firstOf[item.Value.ExternalId!];

        // From here on orders exist: their side effects run to the end even if the client goes away.
        var created = new ConcurrentDictionary<int, OrderResponse>();
        var chunks = valid.Where(i => !existing.ContainsKey(i.Index) && !repeats.ContainsKey(i.Index)).Chunk(_chunkSize);
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = _parallelism }, async (chunk, _) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<BulkChunkImporter>().ImportAsync(chunk);
            foreach (var (index, order) in result.Created) created[index] = order.Adapt<OrderResponse>();
            foreach (var (index, id) in result.Existing) existing[index] = id;
        });
        foreach (var (index, first) in repeats)
            if (created.TryGetValue(first, out var order)) existing[index] = order.Id;
            else if (existing.TryGetValue(first, out var id)) existing[index] = id;

        var known = await LoadAsync(existing.Values.Distinct().ToList());
        var results = items.Select(item =>
            !item.IsValid ? new BulkOrderResult(item.Index, "invalid", Errors: item.Errors)
            : created.TryGetValue(item.Index, out var order) ? new BulkOrderResult(item.Index, "created", order)
            : new BulkOrderResult(item.Index, "existing", known[existing[item.Index]])).ToList();
        return new BulkOrdersResponse(created.Count, existing.Count, results.Count(r => r.Status == "invalid"), results);
    }

    /// <summary>Items whose external_id is already stored point to that order.</summary>
    private async Task<Dictionary<int, int>> StoredReferencesAsync(IReadOnlyList<BatchItem<BulkOrder>> items)
    {
        var withReference = items.Where(i => i.Value!.ExternalId is not null).ToList();
        var stored = new Dictionary<string, int>();
        foreach (var chunk in withReference.Select(i => i.Value!.ExternalId!).Distinct().Chunk(_chunkSize))
            foreach (var order in await db.Orders.Where(o => chunk.Contains(o.ExternalId!)).Select(o => new { o.ExternalId, o.Id }).ToListAsync())
                stored[order.ExternalId!] = order.Id;
        return withReference.Where(i => stored.ContainsKey(i.Value!.ExternalId!)).ToDictionary(i => i.Index, i => stored[i.Value!.ExternalId!]);
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

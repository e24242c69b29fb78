using System.Threading.Channels;
using Ecommerce.Orders.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Orders.Outbox;

/// <summary>
/// Chains that finished in the request that started them. Their rows are deleted in batches in the background
/// rather than by one more commit per order: a row that outlives a crash only makes recovery look at a finished
/// order, which it recognises (the email is already there) and leaves alone.
/// </summary>
internal sealed class SettledChains(IServiceScopeFactory scopes, ILogger<SettledChains> logger) : BackgroundService
{
    private readonly Channel<int> _settled = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public void Add(IEnumerable<int> orderIds)
    {
        foreach (var id in orderIds) _settled.Writer.TryWrite(id);
    }

    /// <summary>After <c>POST /testing/reset</c>: ids queued before it name orders that no longer exist (and ids start again).</summary>
    public void Clear()
    {
        while (_settled.Reader.TryRead(out _)) { }
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var batch = new List<int>();
        try
        {
            while (await _settled.Reader.WaitToReadAsync(stopping))
            {
                while (batch.Count < 2000 && _settled.Reader.TryRead(out var id)) batch.Add(id);
                await DeleteAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            while (_settled.Reader.TryRead(out var id)) batch.Add(id);
            await DeleteAsync(batch); // on shutdown, what is known settled is written down
        }
    }

    private async Task DeleteAsync(List<int> orderIds)
    {
        if (orderIds.Count == 0) return;
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
            await db.Set<UnfinishedChain>().Where(c => orderIds.Contains(c.OrderId)).ExecuteDeleteAsync();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not clear {Count} settled chains; recovery will find them finished", orderIds.Count);
        }
    }
}

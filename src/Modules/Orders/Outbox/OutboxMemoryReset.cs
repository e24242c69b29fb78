using Ecommerce.Shared.Testing;

namespace Ecommerce.Orders.Outbox;

/// <summary><c>POST /testing/reset</c> on Orders: what the outbox keeps in memory about rows the reset deleted.</summary>
internal sealed class OutboxMemoryReset(SettledChains settled) : IModuleReset
{
    public string Module => OrdersModule.Name;

    public Task ResetAsync(CancellationToken cancellationToken)
    {
        settled.Clear();
        return Task.CompletedTask;
    }
}

using Ecommerce.Shared.Hosting;

namespace Ecommerce.Orders;

/// <summary>The <c>Orders</c> section of the configuration (docs/configuration.md).</summary>
public sealed class OrdersOptions : IModuleOptions
{
    public const string Section = "Orders";

    /// <summary>Orders per chunk of a bulk import: one transaction and one call per module each.</summary>
    public int BulkChunkSize { get; set; } = 1000;

    /// <summary>Chunks of a bulk import in flight at once, so one chunk's inserts overlap another's payments.</summary>
    public int BulkParallelism { get; set; } = 2;

    /// <summary>
    /// Age after which an order's unfinished chain counts as left by a dead process: longer than any chain takes in its
    /// own request (Payments' 30 s and Notifications' 10 s).
    /// </summary>
    public double ChainRecoveryAfterSeconds { get; set; } = 60;

    public TimeSpan ChainRecoveryGrace => TimeSpan.FromSeconds(ChainRecoveryAfterSeconds);

    public IEnumerable<string> Problems() =>
        ModuleOptions.WholeNumber("Orders:BulkChunkSize", BulkChunkSize, 1, 100_000)
            .Concat(ModuleOptions.WholeNumber("Orders:BulkParallelism", BulkParallelism, 1, 64))
            .Concat(ModuleOptions.Seconds("Orders:ChainRecoveryAfterSeconds", ChainRecoveryAfterSeconds));
}

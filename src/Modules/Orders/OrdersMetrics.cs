using System.Diagnostics.Metrics;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Outbox;
using Ecommerce.Shared.Hosting;

namespace Ecommerce.Orders;

/// <summary>
/// The Orders module's own meter (exported with OpenTelemetry, see <see cref="Telemetry"/>): orders created by the status
/// their chain left them in, rows written by bulk imports, and the owed work waiting (emails, chains, refunds).
/// </summary>
internal sealed class OrdersMetrics
{
    private readonly Counter<long> _created;
    private readonly Counter<long> _bulkRows;

    public OrdersMetrics(IMeterFactory meters, IServiceScopeFactory scopes)
    {
        var meter = meters.Create(Telemetry.MeterPrefix + OrdersModule.Name);
        _created = meter.CreateCounter<long>("ecommerce.orders.created", "{order}", "Orders created, by the status their chain left them in");
        _bulkRows = meter.CreateCounter<long>("ecommerce.orders.bulk_rows", "{order}", "Orders written by bulk imports (their rate is rows per second)");
        // Read only when an exporter collects (once per export interval), with a count query per kind.
        meter.CreateObservableGauge("ecommerce.outbox.waiting", () => Waiting(scopes), "{item}",
            "Owed work waiting in the Orders outbox, by kind: email, chain, refund");
    }

    public void Created(string status, int count = 1)
    {
        if (count > 0) _created.Add(count, new KeyValuePair<string, object?>("status", status));
    }

    public void BulkRows(int count) => _bulkRows.Add(count);

    private static Measurement<long>[] Waiting(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        return
        [
            new(db.Set<OwedEmail>().LongCount(), new KeyValuePair<string, object?>("kind", "email")),
            new(db.Set<UnfinishedChain>().LongCount(), new KeyValuePair<string, object?>("kind", "chain")),
            new(db.Set<OwedRefund>().LongCount(), new KeyValuePair<string, object?>("kind", "refund")),
        ];
    }
}

using System.Diagnostics.Metrics;
using Ecommerce.Shared.Hosting;

namespace Ecommerce.Payments;

/// <summary>The Payments module's own meter (exported with OpenTelemetry, see <see cref="Telemetry"/>): payments by status.</summary>
internal sealed class PaymentsMetrics(IMeterFactory meters)
{
    private readonly Counter<long> _payments = meters.Create(Telemetry.MeterPrefix + PaymentsModule.Name)
        .CreateCounter<long>("ecommerce.payments", "{payment}", "Payments made (completed or failed) and refunded, by status");

    public void Recorded(string status, int count = 1)
    {
        if (count > 0) _payments.Add(count, new KeyValuePair<string, object?>("status", status));
    }
}

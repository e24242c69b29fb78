using System.Diagnostics.Metrics;
using Ecommerce.Shared.Hosting;

namespace Ecommerce.Shared.Security;

/// <summary>Requests the API authentication refused, by module and reason (exported with OpenTelemetry, see <see cref="Telemetry"/>).</summary>
public sealed class ApiAuthMetrics
{
    private readonly Counter<long> _refused;

    public ApiAuthMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.MeterPrefix + "Security");
        _refused = meter.CreateCounter<long>("ecommerce.auth.refused", "{request}",
            "API requests refused: unauthenticated (no or a wrong credential), forbidden (a scope missing), bad_signature (a webhook)");
    }

    public void Refused(string module, string reason) =>
        _refused.Add(1, new KeyValuePair<string, object?>("module", module), new KeyValuePair<string, object?>("reason", reason));
}

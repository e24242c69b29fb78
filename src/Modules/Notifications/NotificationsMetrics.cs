using System.Diagnostics.Metrics;
using Ecommerce.Notifications.Domain;
using Ecommerce.Shared.Hosting;

namespace Ecommerce.Notifications;

/// <summary>
/// The Notifications module's own meter (exported with OpenTelemetry, see <see cref="Telemetry"/>): messages sent and
/// requests refused by the rate limit, by channel (email, sms); delivery outcomes by channel and state.
/// </summary>
internal sealed class NotificationsMetrics
{
    private readonly Counter<long> _sent;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _deliveries;

    public NotificationsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.MeterPrefix + NotificationsModule.Name);
        _sent = meter.CreateCounter<long>("ecommerce.notifications.sent", "{message}", "Messages handed to the sender, by channel");
        _refused = meter.CreateCounter<long>("ecommerce.notifications.refused", "{request}", "Send requests refused by the rate limit (429), by channel");
        _deliveries = meter.CreateCounter<long>("ecommerce.notifications.deliveries", "{attempt}",
            "Delivery outcomes by channel and state: delivered, failed (refused for good), retried (a transient failure), logged (no provider)");
    }

    public void Sent(IReadOnlyList<Notification> notifications)
    {
        if (notifications.Count > 0) _sent.Add(notifications.Count, new KeyValuePair<string, object?>("channel", notifications[0].Channel));
    }

    public void Delivery(string channel, string state, int count = 1) =>
        _deliveries.Add(count, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("state", state));

    public void Refused(string channel) => _refused.Add(1, new KeyValuePair<string, object?>("channel", channel));
}

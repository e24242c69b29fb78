using Ecommerce.Notifications.Domain;

namespace Ecommerce.Notifications.Delivery;

/// <summary>
/// What a channel without a provider does with its messages: structured log lines with the recipient masked. One line
/// per message for a single send; a batch gets one summary line, since ten thousand lines would cost an import more than
/// its inserts.
/// </summary>
internal sealed class LoggedDelivery(ILogger<LoggedDelivery> logger)
{
    public void Log(IReadOnlyList<Notification> notifications)
    {
        if (notifications.Count == 1)
        {
            var n = notifications[0];
            logger.LogInformation("Logged {Channel} {TemplateName} #{NotificationId} for order {OrderId} to {Recipient} (no provider configured)",
                n.Channel, n.TemplateName, n.Id, n.OrderId, Mask(n.Recipient));
        }
        else if (notifications.Count > 1)
        {
            logger.LogInformation("Logged a batch of {Count} {Channel} ({Templates}), #{FirstNotificationId}–#{LastNotificationId} (no provider configured)",
                notifications.Count, notifications[0].Channel,
                string.Join(", ", notifications.CountBy(n => n.TemplateName).Select(t => $"{t.Key} ×{t.Value}")),
                notifications.Min(n => n.Id), notifications.Max(n => n.Id));
        }
    }

    /// <summary><c>tanaka@example.co.jp</c> → <c>t*****@example.co.jp</c>; <c>+819012345678</c> → <c>+81*******678</c>.</summary>
    public static string Mask(string recipient)
    {
        var at = recipient.IndexOf('@');
        if (at > 0) return recipient[0] + new string('*', Math.Max(1, at - 1)) + recipient[at..];
        return recipient.Length <= 6 ? new string('*', recipient.Length) : recipient[..3] + new string('*', recipient.Length - 6) + recipient[^3..];
    }
}

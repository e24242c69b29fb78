using Ecommerce.Notifications.Domain;

namespace Ecommerce.Notifications.Delivery;

/// <summary>Where a real mail or SMS gateway plugs in; handlers only know this interface.</summary>
internal interface INotificationSender
{
    Task SendAsync(Notification notification, CancellationToken cancellationToken);
}

/// <summary>The default sender: a structured log line, with the recipient masked.</summary>
internal sealed class LoggingNotificationSender(ILogger<LoggingNotificationSender> logger) : INotificationSender
{
    public Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        logger.LogInformation("Delivered {Channel} {TemplateName} #{NotificationId} for order {OrderId} to {Recipient}",
            notification.Channel, notification.TemplateName, notification.Id, notification.OrderId, Mask(notification.Recipient));
        return Task.CompletedTask;
    }

    /// <summary><c>tanaka@example.co.jp</c> → <c>t*****@example.co.jp</c>; <c>+819012345678</c> → <c>+81*******678</c>.</summary>
    public static string Mask(string recipient)
    {
        var at = recipient.IndexOf('@');
        if (at > 0) return recipient[0] + new string('*', Math.Max(1, at - 1)) + recipient[at..];
        return recipient.Length <= 6 ? new string('*', recipient.Length) : recipient[..3] + new string('*', recipient.Length - 6) + recipient[^3..];
    }
}

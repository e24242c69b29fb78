using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ecommerce.Notifications.Delivery;

internal static class DeliveryRegistration
{
    /// <summary>
    /// A provider for each channel whose section is set (<c>Notifications:Smtp:Host</c>, <c>Notifications:Sms:Url</c>), the
    /// worker that hands queued messages to them, and the log sink for the others; the start-up log says which is which.
    /// </summary>
    public static void AddDelivery(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection(NotificationsOptions.Section).Get<NotificationsOptions>() ?? new NotificationsOptions();
        services.AddSingleton<LoggedDelivery>();
        services.AddSingleton<DeliveryProviders>();
        services.AddScoped<NotificationIntake>();
        if (options.Smtp.Configured)
        {
            services.AddSingleton<SmtpDelivery>();
            services.AddSingleton<IDeliveryProvider>(sp => sp.GetRequiredService<SmtpDelivery>());
        }
        if (options.Sms.Configured)
        {
            services.AddHttpClient<SmsGatewayDelivery>(http => http.Timeout = TimeSpan.FromSeconds(options.Sms.TimeoutSeconds))
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                .RemoveAllLoggers(); // the worker writes one line per attempt; the Authorization header must never reach a log
            services.AddSingleton<IDeliveryProvider>(sp => sp.GetRequiredService<SmsGatewayDelivery>());
        }
        services.AddHostedService<DeliveryWorker>();
        services.AddHostedService<DeliveryAnnouncement>();
    }
}

/// <summary>Says once at start-up where each channel's messages go, so "sent" is never mistaken for "delivered".</summary>
internal sealed class DeliveryAnnouncement(DeliveryProviders providers, IOptions<NotificationsOptions> options,
    ILogger<DeliveryAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        if (providers.For(Domain.Notification.Email) is null)
            logger.LogWarning("Emails are not delivered: Notifications:Smtp:Host is not set, so each is only logged (delivery state 'logged')");
        else
            logger.LogInformation("Emails are delivered over SMTP to {SmtpHost}:{SmtpPort} ({Security}) from {From}", smtp.Host, smtp.Port, smtp.Security, smtp.From);
        if (providers.For(Domain.Notification.Sms) is null)
            logger.LogWarning("Text messages are not delivered: Notifications:Sms:Url is not set, so each is only logged (delivery state 'logged')");
        else
            logger.LogInformation("Text messages are delivered through the gateway at {SmsGateway}", new Uri(options.Value.Sms.Url!).GetLeftPart(UriPartial.Authority));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

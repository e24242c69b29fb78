using Ecommerce.Notifications.Contracts;
using Ecommerce.Notifications.Data;
using Ecommerce.Notifications.Delivery;
using Ecommerce.Notifications.Domain;
using Ecommerce.Notifications.Templates;
using Ecommerce.Shared.Time;
using Mapster;
using MediatR;

namespace Ecommerce.Notifications.Features.SendNotification;

internal sealed record SendEmailBatch(SendEmailBatchRequest Body) : IRequest<SendEmailBatchResponse>;

/// <summary>Each email as POST /email would take it; the accepted ones are stored in one transaction.</summary>
internal sealed class SendEmailBatchHandler(NotificationsDbContext db, INotificationSender sender, TimeProvider clock)
    : IRequestHandler<SendEmailBatch, SendEmailBatchResponse>
{
    public async Task<SendEmailBatchResponse> Handle(SendEmailBatch request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        var results = new NotificationBatchResult?[request.Body.Notifications.Count];
        var accepted = new List<(int Index, Notification Notification)>();
        foreach (var item in request.Body.Notifications)
        {
            if (!item.IsValid)
            {
                results[item.Index] = new NotificationBatchResult(item.Index, "invalid", Errors: item.Errors);
                continue;
            }
            var email = item.Value!;
            if (!TemplateCatalog.All.TryGetValue(email.TemplateName, out var template))
            {
                results[item.Index] = new NotificationBatchResult(item.Index, "rejected", Detail: SendNotificationHandler.UnknownTemplate(email.TemplateName));
                continue;
            }
            var message = TemplateRenderer.Email(template, email.OrderId, email.TemplateData);
            accepted.Add((item.Index, Notification.Accepted(email.OrderId, Notification.Email, email.TemplateName, email.ToEmail,
                message.Subject, message.Body, now)));
        }

        db.Notifications.AddRange(accepted.Select(a => a.Notification));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (index, notification) in accepted)
        {
            await sender.SendAsync(notification, cancellationToken);
            results[index] = new NotificationBatchResult(index, "created", notification.Adapt<NotificationResponse>());
        }
        return new SendEmailBatchResponse(accepted.Count, results.Length - accepted.Count, results!);
    }
}

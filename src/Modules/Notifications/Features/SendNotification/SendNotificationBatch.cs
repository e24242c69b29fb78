using System.Text.Json;
using Ecommerce.Notifications.Contracts;
using Ecommerce.Notifications.Delivery;
using Ecommerce.Notifications.Domain;
using Ecommerce.Notifications.Templates;
using Ecommerce.Shared.Time;
using Ecommerce.Shared.Validation;
using Mapster;
using MediatR;

namespace Ecommerce.Notifications.Features.SendNotification;

/// <summary><paramref name="Minimal"/>: the caller asked for outcomes only (Prefer: return=minimal).</summary>
internal sealed record SendEmailBatch(SendEmailBatchRequest Body, bool Minimal = false) : IRequest<NotificationBatchResponse>;

internal sealed record SendSmsBatch(SendSmsBatchRequest Body, bool Minimal = false) : IRequest<NotificationBatchResponse>;

/// <summary>Each message as the single endpoint would take it; the accepted ones are stored in one transaction.</summary>
internal sealed class SendNotificationBatchHandler(NotificationIntake intake, TimeProvider clock) :
    IRequestHandler<SendEmailBatch, NotificationBatchResponse>,
    IRequestHandler<SendSmsBatch, NotificationBatchResponse>
{
    private sealed record Message(int OrderId, string Recipient, string TemplateName, IReadOnlyDictionary<string, JsonElement> Data);

    public Task<NotificationBatchResponse> Handle(SendEmailBatch request, CancellationToken cancellationToken) =>
        SaveAsync(request.Body.Notifications.Select(i => (i.Index, i.Errors, i.Value is { } e ? new Message(e.OrderId, e.ToEmail, e.TemplateName, e.TemplateData) : null)),
            Notification.Email, request.Minimal, cancellationToken);

    public Task<NotificationBatchResponse> Handle(SendSmsBatch request, CancellationToken cancellationToken) =>
        SaveAsync(request.Body.Notifications.Select(i => (i.Index, i.Errors, i.Value is { } s ? new Message(s.OrderId, s.ToPhone, s.TemplateName, s.TemplateData) : null)),
            Notification.Sms, request.Minimal, cancellationToken);

    private async Task<NotificationBatchResponse> SaveAsync(
        IEnumerable<(int Index, IReadOnlyList<ValidationError> Errors, Message? Message)> items, string channel, bool minimal,
        CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        var results = new List<NotificationBatchResult>();
        var accepted = new List<(int Index, Notification Notification)>();
        foreach (var (index, errors, message) in items)
        {
            if (message is null) results.Add(new NotificationBatchResult(index, "invalid", Errors: errors));
            else if (!TemplateCatalog.All.TryGetValue(message.TemplateName, out var template))
                results.Add(new NotificationBatchResult(index, "rejected", Detail: SendNotificationHandler.UnknownTemplate(message.TemplateName)));
            else accepted.Add((index, Render(channel, template, message, now)));
        }

        var notifications = accepted.Select(a => a.Notification).ToList();
        await intake.StoreAsync(notifications, cancellationToken);
        foreach (var (index, notification) in accepted)
            results.Add(new NotificationBatchResult(index, "created", notification.Id, minimal ? null : notification.Adapt<NotificationResponse>()));
        return new NotificationBatchResponse(accepted.Count, results.Count - accepted.Count, results.OrderBy(r => r.Index).ToList());
    }

    private Notification Render(string channel, NotificationTemplate template, Message message, DateTime now)
    {
        if (channel == Notification.Sms)
            return Notification.Accepted(message.OrderId, channel, message.TemplateName, message.Recipient, null,
                TemplateRenderer.Sms(template, message.OrderId, message.Data), now, intake.NewMessageId(channel));
        var email = TemplateRenderer.Email(template, message.OrderId, message.Data);
        return Notification.Accepted(message.OrderId, channel, message.TemplateName, message.Recipient, email.Subject, email.Body, now,
            intake.NewMessageId(channel));
    }
}

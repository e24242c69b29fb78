using Ecommerce.Notifications.Contracts;
using Ecommerce.Notifications.Delivery;
using Ecommerce.Notifications.Domain;
using Ecommerce.Notifications.Templates;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Mediator;
using Ecommerce.Shared.Time;
using Mapster;
using MediatR;

namespace Ecommerce.Notifications.Features.SendNotification;

internal sealed record SendEmail(SendEmailRequest Body) : IRequest<NotificationResponse>, IAboutOrder
{
    public int OrderId => Body.OrderId;
}

internal sealed record SendSms(SendSmsRequest Body) : IRequest<NotificationResponse>, IAboutOrder
{
    public int OrderId => Body.OrderId;
}

internal sealed class SendNotificationHandler(NotificationIntake intake, TimeProvider clock) :
    IRequestHandler<SendEmail, NotificationResponse>,
    IRequestHandler<SendSms, NotificationResponse>
{
    public async Task<NotificationResponse> Handle(SendEmail request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var message = TemplateRenderer.Email(Template(body.TemplateName), body.OrderId, body.TemplateData);
        return await SaveAndSend(Notification.Accepted(body.OrderId, Notification.Email, body.TemplateName, body.ToEmail,
            message.Subject, message.Body, clock.UtcNowMicros(), intake.NewMessageId(Notification.Email)), cancellationToken);
    }

    public async Task<NotificationResponse> Handle(SendSms request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var text = TemplateRenderer.Sms(Template(body.TemplateName), body.OrderId, body.TemplateData);
        return await SaveAndSend(Notification.Accepted(body.OrderId, Notification.Sms, body.TemplateName, body.ToPhone,
            null, text, clock.UtcNowMicros(), intake.NewMessageId(Notification.Sms)), cancellationToken);
    }

    private async Task<NotificationResponse> SaveAndSend(Notification notification, CancellationToken cancellationToken)
    {
        await intake.StoreAsync([notification], cancellationToken);
        return notification.Adapt<NotificationResponse>();
    }

    private static NotificationTemplate Template(string name) =>
        TemplateCatalog.All.TryGetValue(name, out var template) ? template : throw ApiError.BadRequest(UnknownTemplate(name));

    public static string UnknownTemplate(string name) =>
        $"Unknown template '{name}'. Known templates: {string.Join(", ", TemplateCatalog.All.Keys)}";
}

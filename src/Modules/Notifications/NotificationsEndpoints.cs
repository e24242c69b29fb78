using Carter;
using Ecommerce.Notifications.Contracts;
using Ecommerce.Notifications.Domain;
using Ecommerce.Notifications.Features.GetNotifications;
using Ecommerce.Notifications.Features.SendNotification;
using Ecommerce.Notifications.RateLimiting;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.Validation;
using MediatR;

namespace Ecommerce.Notifications;

public sealed class NotificationsEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var notifications = app.MapModuleGroup(NotificationsModule.Name, "/api/v1/notifications").WithTags("Notifications");
        notifications.MapPost("/email", SendEmail).WithName("SendEmail").RequireRateLimiting(SendRateLimits.Email)
            .Accepts<SendEmailRequest>("application/json").Produces<NotificationResponse>(StatusCodes.Status201Created);
        notifications.MapPost("/email/batch", SendEmailBatch).WithName("SendEmailBatch").RequireRateLimiting(SendRateLimits.Email)
            .AsBulkEndpoint()
            .Accepts<SendEmailBatchRequest>("application/json").Produces<NotificationBatchResponse>();
        notifications.MapPost("/sms/batch", SendSmsBatch).WithName("SendSmsBatch").RequireRateLimiting(SendRateLimits.Sms)
            .AsBulkEndpoint()
            .Accepts<SendSmsBatchRequest>("application/json").Produces<NotificationBatchResponse>();
        notifications.MapPost("/sms", SendSms).WithName("SendSms").RequireRateLimiting(SendRateLimits.Sms)
            .Accepts<SendSmsRequest>("application/json").Produces<NotificationResponse>(StatusCodes.Status201Created);
        notifications.MapGet("/", List).WithName("ListNotifications").Produces<IReadOnlyList<NotificationResponse>>();
        notifications.MapGet("/order/{order_id}", GetForOrder).WithName("GetOrderNotifications").Produces<IReadOnlyList<NotificationResponse>>();
        notifications.MapGet("/{notification_id}", Get).WithName("GetNotification").Produces<NotificationResponse>();
    }

    private static async Task<IResult> SendEmail(SendEmailRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Created(await mediator.Send(new SendEmail(body), ct));

    private static async Task<IResult> SendEmailBatch(SendEmailBatchRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new SendEmailBatch(body, ReturnMinimal.Requested(http)), ct));

    private static async Task<IResult> SendSmsBatch(SendSmsBatchRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new SendSmsBatch(body, ReturnMinimal.Requested(http)), ct));

    private static async Task<IResult> SendSms(SendSmsRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Created(await mediator.Send(new SendSms(body), ct));

    private static async Task<IResult> Get(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new GetNotification(PathIds.Get(http, "notification_id")), ct));

    private static async Task<IResult> GetForOrder(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new GetOrderNotifications(PathIds.Get(http, "order_id")), ct));

    private static async Task<IResult> List(HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var (skip, limit) = query.Page();
        var request = new ListNotifications(skip, limit,
            query.Choice("channel", [Notification.Email, Notification.Sms]), query.String("template_name"));
        query.ThrowIfInvalid();
        return Wire.Ok(await mediator.Send(request, ct));
    }
}

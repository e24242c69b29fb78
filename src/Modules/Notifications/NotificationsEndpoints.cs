using Carter;
using Ecommerce.Notifications.Contracts;
using Ecommerce.Notifications.Data;
using Ecommerce.Notifications.Domain;
using Ecommerce.Notifications.Features.GetNotifications;
using Ecommerce.Notifications.Features.GetStats;
using Ecommerce.Notifications.Features.SendAgain;
using Ecommerce.Notifications.Features.SendNotification;
using Ecommerce.Notifications.Features.TrackDelivery;
using Ecommerce.Notifications.RateLimiting;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Security;
using Ecommerce.Shared.Validation;
using MediatR;

namespace Ecommerce.Notifications;

public sealed class NotificationsEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var notifications = app.MapModuleGroup(NotificationsModule.Name, "/api/v1/notifications").WithTags("Notifications");
        notifications.MapPost("/email", SendEmail).WithName("SendEmail").RequireScope(ApiScopes.NotificationsWrite).ProducesErrors(StatusCodes.Status400BadRequest).RequireRateLimiting(SendRateLimits.Email)
            .Produces<NotificationResponse>(StatusCodes.Status201Created);
        notifications.MapPost("/email/batch", SendEmailBatch).WithName("SendEmailBatch").RequireScope(ApiScopes.NotificationsBatch).RequireRateLimiting(SendRateLimits.Email)
            .AsBulkEndpoint()
            .Produces<NotificationBatchResponse>();
        notifications.MapPost("/sms/batch", SendSmsBatch).WithName("SendSmsBatch").RequireScope(ApiScopes.NotificationsBatch).RequireRateLimiting(SendRateLimits.Sms)
            .AsBulkEndpoint()
            .Produces<NotificationBatchResponse>();
        notifications.MapPost("/sms", SendSms).WithName("SendSms").RequireScope(ApiScopes.NotificationsWrite).ProducesErrors(StatusCodes.Status400BadRequest).RequireRateLimiting(SendRateLimits.Sms)
            .Produces<NotificationResponse>(StatusCodes.Status201Created);
        notifications.MapGet("/", List).WithName("ListNotifications").RequireScope(ApiScopes.NotificationsRead).Produces<IReadOnlyList<NotificationResponse>>();
        notifications.MapGet("/order/{order_id}", GetForOrder).WithName("GetOrderNotifications").RequireScope(ApiScopes.NotificationsRead).Produces<IReadOnlyList<NotificationResponse>>();
        notifications.MapGet("/deliveries", Deliveries).WithName("ListDeliveries").RequireScope(ApiScopes.NotificationsRead)
            .Produces<IReadOnlyList<DeliveryResponse>>();
        notifications.MapGet("/stats", Stats).WithName("NotificationStats").RequireScope(ApiScopes.NotificationsRead).Produces<NotificationStatsResponse>();
        notifications.MapAuditLog<NotificationsDbContext>("NotificationsAuditLog", ApiScopes.NotificationsRead);
        notifications.MapChanges("NotificationChanges", ApiScopes.NotificationsRead, NotificationChanges.MarkerAsync);
        notifications.MapGet("/owed", Owed).WithName("ListOwedDeliveries").RequireScope(ApiScopes.NotificationsRead).Produces<OwedWorkResponse>();
        notifications.MapGet("/{notification_id}/delivery", Delivery).WithName("GetDelivery").RequireScope(ApiScopes.NotificationsRead)
            .Produces<DeliveryResponse>().ProducesErrors(StatusCodes.Status404NotFound);
        notifications.MapPost("/{notification_id}/delivery/retry", SendAgain).WithName("SendAgain").RequireScope(ApiScopes.NotificationsWrite)
            .Produces<DeliveryResponse>(StatusCodes.Status202Accepted).ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        notifications.MapGet("/{notification_id}", Get).WithName("GetNotification").RequireScope(ApiScopes.NotificationsRead).Produces<NotificationResponse>()
            .ProducesErrors(StatusCodes.Status404NotFound);
    }

    /// <summary>Send an email from a template (at most 10 per second; more is 429 with Retry-After).</summary>
    private static async Task<IResult> SendEmail(SendEmailRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Created(await mediator.Send(new SendEmail(body), ct));

    /// <summary>Send many emails in one request, which counts once against the email limit.</summary>
    private static async Task<IResult> SendEmailBatch(SendEmailBatchRequest body, ReturnPreference prefer, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new SendEmailBatch(body, prefer.Minimal), ct));

    /// <summary>Send many text messages in one request, which counts once against the SMS limit.</summary>
    private static async Task<IResult> SendSmsBatch(SendSmsBatchRequest body, ReturnPreference prefer, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new SendSmsBatch(body, prefer.Minimal), ct));

    /// <summary>Send a text message from a template (at most 10 per second; more is 429 with Retry-After).</summary>
    private static async Task<IResult> SendSms(SendSmsRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Created(await mediator.Send(new SendSms(body), ct));

    /// <summary>Read one notification.</summary>
    private static async Task<IResult> Get(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new GetNotification(PathIds.Get(http, "notification_id")), ct));

    /// <summary>The notifications of an order, oldest first (empty when there are none).</summary>
    private static async Task<IResult> GetForOrder(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new GetOrderNotifications(PathIds.Get(http, "order_id")), ct));

    /// <summary>What became of a notification: queued, delivered (when, the provider's answer), failed (why) or logged.</summary>
    private static async Task<IResult> Delivery(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new GetDelivery(PathIds.Get(http, "notification_id")), ct));

    /// <summary>The deliveries of the notifications the list shows (same filters and order), optionally by state (failed...).</summary>
    private static async Task<IResult> Deliveries(ListDeliveries query, IMediator mediator, CancellationToken ct) => Wire.Ok(await mediator.Send(query, ct));

    /// <summary>Queue a failed delivery again (same Message-Id); any other state is a 400.</summary>
    private static async Task<IResult> SendAgain(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Status(await mediator.Send(new SendAgain(PathIds.Get(http, "notification_id")), ct), StatusCodes.Status202Accepted);

    /// <summary>The notifications accepted in a period, aggregated: by template, by channel and by delivery state.</summary>
    private static async Task<IResult> Stats(GetNotificationStats query, IMediator mediator, CancellationToken ct) => Wire.Ok(await mediator.Send(query, ct));

    /// <summary>The messages still owed to an SMTP server or SMS gateway (retried in the background), oldest first.</summary>
    private static async Task<IResult> Owed(IMediator mediator, CancellationToken ct) => Wire.Ok(await mediator.Send(new ListOwedDeliveries(), ct));

    /// <summary>List notifications by id, a page at a time, optionally by channel or template.</summary>
    private static async Task<IResult> List(ListNotifications query, IMediator mediator, CancellationToken ct) => Wire.Ok(await mediator.Send(query, ct));
}

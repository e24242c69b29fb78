using Ecommerce.Notifications.Contracts;
using Ecommerce.Notifications.Data;
using Ecommerce.Notifications.Domain;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Mediator;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Stats;
using Ecommerce.Shared.Validation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Notifications.Features.GetNotifications;

internal sealed record GetNotification(int NotificationId) : IRequest<NotificationResponse>;

internal sealed record GetOrderNotifications(int OrderId) : IRequest<IReadOnlyList<NotificationResponse>>, IAboutOrder;

/// <summary>Additive: the list the original lacked (its dashboard made one call per order instead).</summary>
internal sealed record ListNotifications(int Skip, int Limit, NotificationFilter Filter)
    : IRequest<IReadOnlyList<NotificationResponse>>, IQueryRequest<ListNotifications>
{
    public static ValueTask<ListNotifications?> BindAsync(HttpContext context) => QueryReader.BindAsync(context, Read);

    public static ListNotifications Read(QueryReader query)
    {
        var (skip, limit) = query.Page();
        return new ListNotifications(skip, limit, NotificationFilter.Read(query, "delivery_state"));
    }
}

/// <summary>
/// The filters of the notification lists (the list and its deliveries), all optional: channel, template_name, the delivery
/// state (each route names it: delivery_state, state), from and to (the creation window), after_id (only ids after it).
/// </summary>
internal sealed record NotificationFilter(string? Channel, string? TemplateName, string? DeliveryState, CreatedBetween Created, int AfterId)
{
    public static NotificationFilter Read(QueryReader query, string stateName) =>
        new(query.Choice("channel", [Notification.Email, Notification.Sms]), query.String("template_name"),
            query.Choice(stateName, Domain.DeliveryState.All), CreatedBetween.Read(query), query.Int("after_id", 0, ge: 0));

    public IQueryable<Notification> Apply(IQueryable<Notification> notifications)
    {
        if (Channel is { } channel) notifications = notifications.Where(n => n.Channel == channel);
        if (TemplateName is { } template) notifications = notifications.Where(n => n.TemplateName == template);
        if (DeliveryState is { } state) notifications = notifications.Where(n => n.DeliveryState == state);
        if (AfterId > 0) notifications = notifications.Where(n => n.Id > AfterId);
        return notifications.CreatedIn(Created);
    }
}

internal sealed class GetNotificationsHandler(NotificationsDbContext db) :
    IRequestHandler<GetNotification, NotificationResponse>,
    IRequestHandler<GetOrderNotifications, IReadOnlyList<NotificationResponse>>,
    IRequestHandler<ListNotifications, IReadOnlyList<NotificationResponse>>
{
    public async Task<NotificationResponse> Handle(GetNotification request, CancellationToken cancellationToken) =>
        (await db.Notifications.FirstOrDefaultAsync(n => n.Id == request.NotificationId, cancellationToken))?.Adapt<NotificationResponse>()
        ?? throw ApiError.NotFound("Notification not found");

    public async Task<IReadOnlyList<NotificationResponse>> Handle(GetOrderNotifications request, CancellationToken cancellationToken)
    {
        return (await db.Notifications.Where(n => n.OrderId == request.OrderId).OrderBy(n => n.Id).ToListAsync(cancellationToken))
        .Adapt<List<NotificationResponse>>();
    }

    public async Task<IReadOnlyList<NotificationResponse>> Handle(ListNotifications request, CancellationToken cancellationToken)
    {
        var page = await request.Filter.Apply(db.Notifications).OrderBy(n => n.Id).Skip(request.Skip).Take(request.Limit).ToListAsync(cancellationToken);
        return page.Adapt<List<NotificationResponse>>();
    }
}

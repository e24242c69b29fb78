using Ecommerce.Notifications.Contracts;
using Ecommerce.Notifications.Data;
using Ecommerce.Notifications.Delivery;
using Ecommerce.Notifications.Domain;
using Ecommerce.Notifications.Features.GetNotifications;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Validation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Notifications.Features.TrackDelivery;

/// <summary>GET /notifications/{id}/delivery (additive).</summary>
internal sealed record GetDelivery(int NotificationId) : IRequest<DeliveryResponse>;

/// <summary>GET /notifications/deliveries (additive): the deliveries of the notifications the list would show, same filters and order.</summary>
internal sealed record ListDeliveries(int Skip, int Limit, NotificationFilter Filter)
    : IRequest<IReadOnlyList<DeliveryResponse>>, IQueryRequest<ListDeliveries>
{
    public static ValueTask<ListDeliveries?> BindAsync(HttpContext context) => QueryReader.BindAsync(context, Read);

    public static ListDeliveries Read(QueryReader query)
    {
        var (skip, limit) = query.Page();
        return new ListDeliveries(skip, limit, NotificationFilter.Read(query, "state"));
    }
}

/// <summary>GET /notifications/owed (additive): the messages still owed to a provider, oldest first.</summary>
internal sealed record ListOwedDeliveries : IRequest<OwedWorkResponse>;

internal sealed class TrackDeliveryHandler(NotificationsDbContext db) :
    IRequestHandler<GetDelivery, DeliveryResponse>,
    IRequestHandler<ListDeliveries, IReadOnlyList<DeliveryResponse>>,
    IRequestHandler<ListOwedDeliveries, OwedWorkResponse>
{
    private const int MaxListed = 100;

    public async Task<DeliveryResponse> Handle(GetDelivery request, CancellationToken cancellationToken) =>
        await db.Notifications.Where(n => n.Id == request.NotificationId).Select(AsResponse).FirstOrDefaultAsync(cancellationToken)
        ?? throw ApiError.NotFound("Notification not found");

    public async Task<IReadOnlyList<DeliveryResponse>> Handle(ListDeliveries request, CancellationToken cancellationToken)
    {
        return await request.Filter.Apply(db.Notifications).OrderBy(n => n.Id).Skip(request.Skip).Take(request.Limit).Select(AsResponse).ToListAsync(cancellationToken);
    }

    public async Task<OwedWorkResponse> Handle(ListOwedDeliveries request, CancellationToken cancellationToken)
    {
        var owed = db.Set<OwedDelivery>();
        var steps = await owed.OrderBy(d => d.NotificationId).Take(MaxListed)
            .Select(d => new OwedStep("delivery", d.OrderId, d.Channel + " #" + d.NotificationId, d.Attempts, d.LastError, d.NextAttemptAt))
            .ToListAsync(cancellationToken);
        return new OwedWorkResponse(await owed.CountAsync(cancellationToken), steps);
    }

    private static readonly System.Linq.Expressions.Expression<Func<Notification, DeliveryResponse>> AsResponse = n =>
        new DeliveryResponse(n.Id, n.DeliveryState, n.DeliveryAttempts, n.DeliveryError, n.DeliveredAt, n.MessageId, n.DeliveryReply);
}

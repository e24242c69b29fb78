using Ecommerce.Notifications.Contracts;
using Ecommerce.Notifications.Data;
using Ecommerce.Notifications.Delivery;
using Ecommerce.Notifications.Domain;
using Ecommerce.Notifications.Features.TrackDelivery;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Notifications.Features.SendAgain;

/// <summary>POST /notifications/{id}/delivery/retry (additive): a failed delivery queued again, with the same Message-Id.</summary>
internal sealed record SendAgain(int NotificationId) : IRequest<DeliveryResponse>;

internal sealed class SendAgainHandler(NotificationsDbContext db, TimeProvider clock, IMediator mediator, OrderLog orderLog, Actor actor,
    ILogger<SendAgainHandler> logger)
    : IRequestHandler<SendAgain, DeliveryResponse>
{
    public async Task<DeliveryResponse> Handle(SendAgain request, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.Where(n => n.Id == request.NotificationId).Select(n => new { n.OrderId, n.Channel })
            .FirstOrDefaultAsync(cancellationToken) ?? throw ApiError.NotFound("Notification not found");
        using var _ = orderLog.About(notification.OrderId);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Only a failed one, decided by the update itself: of two clicks at once, one queues it and the other is told.
            var queued = await db.Notifications.Where(n => n.Id == request.NotificationId && n.DeliveryState == DeliveryState.Failed)
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.DeliveryState, DeliveryState.Queued), cancellationToken);
            if (queued == 0)
            {
                var state = await db.Notifications.Where(n => n.Id == request.NotificationId).Select(n => n.DeliveryState).FirstAsync(cancellationToken);
                throw ApiError.BadRequest($"Only a failed delivery can be sent again; this one is {state}");
            }
            var now = clock.GetUtcNow().UtcDateTime;
            await db.InsertAllAsync([new OwedDelivery
            {
                NotificationId = request.NotificationId, OrderId = notification.OrderId, Channel = notification.Channel, NextAttemptAt = now,
            }], cancellationToken);
            await db.AuditAsync([db.AuditRow(now, "notification.sent_again", $"order {notification.OrderId}", $"{notification.Channel} #{request.NotificationId}")],
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        logger.LogInformation("{Channel} #{NotificationId} of order {OrderId} queued again by {Actor}",
            notification.Channel, request.NotificationId, notification.OrderId, actor.Name);
        return await mediator.Send(new GetDelivery(request.NotificationId), cancellationToken);
    }
}

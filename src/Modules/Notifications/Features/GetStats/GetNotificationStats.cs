using Ecommerce.Notifications.Contracts;
using Ecommerce.Notifications.Data;
using Ecommerce.Notifications.Domain;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Stats;
using Ecommerce.Shared.Validation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Notifications.Features.GetStats;

/// <summary>GET /notifications/stats: <c>from</c>, <c>to</c> (see <see cref="StatsPeriod"/>).</summary>
internal sealed record GetNotificationStats(StatsPeriod Period) : IRequest<NotificationStatsResponse>, IQueryRequest<GetNotificationStats>
{
    public static ValueTask<GetNotificationStats?> BindAsync(HttpContext context) =>
        QueryReader.BindAsync(context, query => new GetNotificationStats(StatsPeriod.Read(query, StatsPeriod.Now(context))));

    public static GetNotificationStats Read(QueryReader query) => new(StatsPeriod.Read(query, DateTime.UtcNow));
}

internal sealed class GetNotificationStatsHandler(NotificationsDbContext db) : IRequestHandler<GetNotificationStats, NotificationStatsResponse>
{
    public async Task<NotificationStatsResponse> Handle(GetNotificationStats request, CancellationToken cancellationToken)
    {
        var (from, to) = (request.Period.From, request.Period.To);
        var groups = await db.Notifications.Where(n => n.CreatedAt >= from && n.CreatedAt < to)
            .GroupBy(n => new { n.TemplateName, n.Channel, n.DeliveryState })
            .Select(g => new { g.Key.TemplateName, g.Key.Channel, g.Key.DeliveryState, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new NotificationStatsResponse(from, to, groups.Sum(g => g.Count),
            groups.GroupBy(g => g.TemplateName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(x => x.Count), StringComparer.Ordinal),
            groups.GroupBy(g => g.Channel, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(x => x.Count), StringComparer.Ordinal),
            DeliveryState.All.ToDictionary(s => s, s => groups.Where(g => g.DeliveryState == s).Sum(g => g.Count), StringComparer.Ordinal));
    }
}

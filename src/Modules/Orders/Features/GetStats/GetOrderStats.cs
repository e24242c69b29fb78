using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Stats;
using Ecommerce.Shared.Time;
using Ecommerce.Shared.Validation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Features.GetStats;

/// <summary>
/// GET /orders/stats: <c>from</c>, <c>to</c> (see <see cref="StatsPeriod"/>), <c>bucket</c> <c>hour</c> or <c>day</c>
/// (default hour up to two days, else day), <c>utc_offset</c> in minutes (where the viewer's hours and days begin, −840 to
/// 840, default 0), <c>stale_days</c> (1–365, default 2), <c>top</c> (how many best sellers, 0–50, default 5; 0 skips
/// their query, for a caller that only compares totals).
/// </summary>
internal sealed record GetOrderStats(StatsPeriod Period, string Bucket, int UtcOffset, int StaleDays, int Top = 5)
    : IRequest<OrderStatsResponse>, IQueryRequest<GetOrderStats>
{
    public const string Hour = "hour";
    public const string Day = "day";

    /// <summary>Hourly series longer than this are refused: ask for days.</summary>
    public const int MostBuckets = 24 * 62;

    public static ValueTask<GetOrderStats?> BindAsync(HttpContext context) =>
        QueryReader.BindAsync(context, query => Read(query, StatsPeriod.Now(context)));

    public static GetOrderStats Read(QueryReader query) => Read(query, DateTime.UtcNow);

    private static GetOrderStats Read(QueryReader query, DateTime now)
    {
        var period = StatsPeriod.Read(query, now);
        var bucket = query.Choice("bucket", [Hour, Day]) ?? (period.Length <= TimeSpan.FromDays(2) ? Hour : Day);
        if (bucket == Hour && period.Length > TimeSpan.FromHours(MostBuckets))
            query.Refuse(Pydantic.ValueError(["query", "bucket"], bucket, $"an hourly series covers at most {MostBuckets / 24} days: use bucket=day"));
        return new GetOrderStats(period, bucket, query.Int("utc_offset", 0, ge: -840, le: 840), query.Int("stale_days", 2, ge: 1, le: 365),
            query.Int("top", 5, ge: 0, le: 50));
    }
}

internal sealed class GetOrderStatsHandler(OrdersDbContext db, TimeProvider clock) : IRequestHandler<GetOrderStats, OrderStatsResponse>
{
    /// <summary>Charged and kept: what revenue and best sellers count.</summary>
    private static readonly string[] Sold = [OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Delivered];

    private sealed record Group(DateTime Day, int Hour, string Status, string Currency, int Count, decimal Amount);

    public async Task<OrderStatsResponse> Handle(GetOrderStats request, CancellationToken cancellationToken)
    {
        var (from, to) = (request.Period.From, request.Period.To);
        var offset = (double)request.UtcOffset;
        var created = db.Orders.Where(o => o.CreatedAt >= from && o.CreatedAt < to);

        // One aggregate over the period: per bucket, status and currency, the count and the sum of totals.
        var groups = request.Bucket == GetOrderStats.Hour
            ? await created.GroupBy(o => new { o.CreatedAt.AddMinutes(offset).Date, o.CreatedAt.AddMinutes(offset).Hour, o.Status, o.Currency })
                .Select(g => new Group(g.Key.Date, g.Key.Hour, g.Key.Status, g.Key.Currency, g.Count(), g.Sum(o => o.TotalAmount)))
                .ToListAsync(cancellationToken)
            : await created.GroupBy(o => new { o.CreatedAt.AddMinutes(offset).Date, o.Status, o.Currency })
                .Select(g => new Group(g.Key.Date, 0, g.Key.Status, g.Key.Currency, g.Count(), g.Sum(o => o.TotalAmount)))
                .ToListAsync(cancellationToken);

        // Units summed per product, currency and unit price in the database (whole numbers: no decimal arithmetic there,
        // which SQLite would do row by row in .NET), multiplied out here, exactly, over the few groups that come back.
        var lines = request.Top == 0 ? [] : await db.Set<OrderItem>()
            .Join(created.Where(o => Sold.Contains(o.Status)), i => i.OrderId, o => o.Id, (i, o) => new { i.ProductName, o.Currency, i.Quantity, i.UnitPrice })
            .GroupBy(line => new { line.ProductName, line.Currency, line.UnitPrice })
            .Select(g => new { g.Key.ProductName, g.Key.Currency, g.Key.UnitPrice, Quantity = g.Sum(l => l.Quantity) })
            .ToListAsync(cancellationToken);
        var products = lines.GroupBy(l => (l.ProductName, l.Currency))
            .Select(g => new ProductSales(g.Key.ProductName, g.Key.Currency, g.Sum(l => l.Quantity), g.Sum(l => l.Quantity * l.UnitPrice))).ToList();

        var staleBefore = clock.UtcNowMicros().AddDays(-request.StaleDays);
        var attention = new OrdersNeedingAttention(
            await db.Orders.CountAsync(o => o.Status == OrderStatus.Pending, cancellationToken),
            await db.Orders.CountAsync(o => o.Status == OrderStatus.Paid && o.UpdatedAt < staleBefore, cancellationToken),
            request.StaleDays);

        var sold = groups.Where(g => Sold.Contains(g.Status)).ToList();
        return new OrderStatsResponse(from, to, request.Bucket, request.UtcOffset, groups.Sum(g => g.Count),
            OrderStatus.All.ToDictionary(s => s, s => groups.Where(g => g.Status == s).Sum(g => g.Count), StringComparer.Ordinal),
            CurrencyTotal.Of(sold, g => g.Currency, g => g.Count, g => g.Amount),
            Series(request, groups),
            products.OrderByDescending(p => p.Revenue).ThenBy(p => p.ProductName, StringComparer.Ordinal).Take(request.Top).ToList(),
            products.GroupBy(p => p.ProductName, StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(p => p.Quantity).First() with { Quantity = g.Sum(p => p.Quantity) })
                .OrderByDescending(p => p.Quantity).ThenBy(p => p.ProductName, StringComparer.Ordinal).Take(request.Top).ToList(),
            attention);
    }

    /// <summary>Every bucket of the period, empty ones too, with its orders and its revenue per currency.</summary>
    private static List<OrderStatsBucket> Series(GetOrderStats request, List<Group> groups)
    {
        var step = request.Bucket == GetOrderStats.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        var offset = TimeSpan.FromMinutes(request.UtcOffset);
        var byStart = groups.ToLookup(g => g.Day.AddHours(g.Hour) - offset);
        var localFrom = request.Period.From + offset;
        var first = (request.Bucket == GetOrderStats.Hour ? localFrom.Date.AddHours(localFrom.Hour) : localFrom.Date) - offset;
        var series = new List<OrderStatsBucket>();
        for (var start = first; start < request.Period.To; start += step)
        {
            var bucket = byStart[start].ToList();
            series.Add(new OrderStatsBucket(DateTime.SpecifyKind(start, DateTimeKind.Utc), bucket.Sum(g => g.Count),
                CurrencyTotal.Of(bucket.Where(g => Sold.Contains(g.Status)), g => g.Currency, g => g.Count, g => g.Amount)));
        }
        return series;
    }
}

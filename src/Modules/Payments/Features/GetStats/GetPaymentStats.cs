using Ecommerce.Payments.Contracts;
using Ecommerce.Payments.Data;
using Ecommerce.Payments.Domain;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Stats;
using Ecommerce.Shared.Validation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Payments.Features.GetStats;

/// <summary>GET /payments/stats: <c>from</c>, <c>to</c> (see <see cref="StatsPeriod"/>).</summary>
internal sealed record GetPaymentStats(StatsPeriod Period) : IRequest<PaymentStatsResponse>, IQueryRequest<GetPaymentStats>
{
    public static ValueTask<GetPaymentStats?> BindAsync(HttpContext context) =>
        QueryReader.BindAsync(context, query => new GetPaymentStats(StatsPeriod.Read(query, StatsPeriod.Now(context))));

    public static GetPaymentStats Read(QueryReader query) => new(StatsPeriod.Read(query, DateTime.UtcNow));
}

internal sealed class GetPaymentStatsHandler(PaymentsDbContext db) : IRequestHandler<GetPaymentStats, PaymentStatsResponse>
{
    public async Task<PaymentStatsResponse> Handle(GetPaymentStats request, CancellationToken cancellationToken)
    {
        var (from, to) = (request.Period.From, request.Period.To);
        var groups = await db.Payments.Where(p => p.CreatedAt >= from && p.CreatedAt < to)
            .GroupBy(p => new { p.Status, p.Currency })
            .Select(g => new { g.Key.Status, g.Key.Currency, Count = g.Count(), Amount = g.Sum(p => p.Amount) })
            .ToListAsync(cancellationToken);
        var refunds = await db.Refunds.Where(r => r.CreatedAt >= from && r.CreatedAt < to)
            .Join(db.Payments, r => r.PaymentId, p => p.Id, (r, p) => new { p.Currency, r.Amount })
            .GroupBy(r => r.Currency)
            .Select(g => new { Currency = g.Key, Count = g.Count(), Amount = g.Sum(r => r.Amount) })
            .ToListAsync(cancellationToken);

        return new PaymentStatsResponse(from, to, groups.Sum(g => g.Count),
            PaymentStatus.All.ToDictionary(s => s, s => groups.Where(g => g.Status == s).Sum(g => g.Count), StringComparer.Ordinal),
            CurrencyTotal.Of(groups.Where(g => g.Status == PaymentStatus.Completed), g => g.Currency, g => g.Count, g => g.Amount),
            CurrencyTotal.Of(refunds, r => r.Currency, r => r.Count, r => r.Amount));
    }
}

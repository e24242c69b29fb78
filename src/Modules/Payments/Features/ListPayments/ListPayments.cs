using Ecommerce.Payments.Contracts;
using Ecommerce.Payments.Data;
using Ecommerce.Payments.Domain;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Stats;
using Ecommerce.Shared.Validation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Payments.Features.ListPayments;

/// <summary>
/// Additive: the list the original lacked, whose absence forced its dashboard into N+1 calls. Filters: status,
/// transaction_id (a prefix, case-insensitive), from and to (the creation window), after_id (only ids after it).
/// </summary>
internal sealed record ListPayments(int Skip, int Limit, string? Status, string? TransactionId = null, CreatedBetween? Created = null, int AfterId = 0)
    : IRequest<IReadOnlyList<PaymentResponse>>, IQueryRequest<ListPayments>
{
    public static ValueTask<ListPayments?> BindAsync(HttpContext context) => QueryReader.BindAsync(context, Read);

    public static ListPayments Read(QueryReader query)
    {
        var (skip, limit) = query.Page();
        return new ListPayments(skip, limit, query.Choice("status", PaymentStatus.All), query.String("transaction_id"), CreatedBetween.Read(query),
            query.Int("after_id", 0, ge: 0));
    }
}

internal sealed class ListPaymentsHandler(PaymentsDbContext db) : IRequestHandler<ListPayments, IReadOnlyList<PaymentResponse>>
{
    public async Task<IReadOnlyList<PaymentResponse>> Handle(ListPayments request, CancellationToken cancellationToken)
    {
        var payments = db.Payments.AsQueryable();
        if (request.Status is { } status) payments = payments.Where(p => p.Status == status);
        // Transaction ids are lower-case UUIDs: a prefix typed in capitals still finds them.
        if (request.TransactionId is { } transaction) payments = payments.Where(p => p.TransactionId.StartsWith(transaction.ToLowerInvariant()));
        if (request.Created is { } created) payments = payments.CreatedIn(created);
        if (request.AfterId > 0) payments = payments.Where(p => p.Id > request.AfterId);
        var page = await payments.OrderBy(p => p.Id).Skip(request.Skip).Take(request.Limit).ToListAsync(cancellationToken);
        return page.Adapt<List<PaymentResponse>>();
    }
}

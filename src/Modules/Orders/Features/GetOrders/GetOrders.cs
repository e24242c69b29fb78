using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Mediator;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Stats;
using Ecommerce.Shared.Validation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Features.GetOrders;

internal sealed record GetOrder(int OrderId) : IRequest<OrderResponse>, IAboutOrder;

/// <summary>
/// D11: ordered by id ascending. Additive filters: status; customer_email (exact); customer (a prefix of the customer's
/// email or name, case-insensitive, what a search box sends); from and to (the creation window); after_id (only ids after
/// it: a client reading the whole list pages on from its last id, at the same cost per page however far it is).
/// </summary>
internal sealed record ListOrders(int Skip, int Limit, string? Status, string? CustomerEmail, string? Customer = null, CreatedBetween? Created = null,
    int AfterId = 0)
    : IRequest<IReadOnlyList<OrderResponse>>, IQueryRequest<ListOrders>
{
    public static ValueTask<ListOrders?> BindAsync(HttpContext context) => QueryReader.BindAsync(context, Read);

    public static ListOrders Read(QueryReader query)
    {
        var (skip, limit) = query.Page();
        return new ListOrders(skip, limit, query.Choice("status", OrderStatus.All), query.String("customer_email"), query.String("customer"),
            CreatedBetween.Read(query), query.Int("after_id", 0, ge: 0));
    }
}

internal sealed class GetOrdersHandler(OrdersDbContext db) :
    IRequestHandler<GetOrder, OrderResponse>,
    IRequestHandler<ListOrders, IReadOnlyList<OrderResponse>>
{
    public async Task<OrderResponse> Handle(GetOrder request, CancellationToken cancellationToken)
    {
        return (await db.LoadAsync(request.OrderId, cancellationToken)).Adapt<OrderResponse>();
    }

    public async Task<IReadOnlyList<OrderResponse>> Handle(ListOrders request, CancellationToken cancellationToken)
    {
        var orders = db.Orders.AsQueryable();
        if (request.Status is { } status) orders = orders.Where(o => o.Status == status);
        if (request.CustomerEmail is { } email) orders = orders.Where(o => o.CustomerEmail == email);
        if (request.Customer is { } customer)
        {
            // Lower-cased on both sides: SQL Server's and SQLite's LIKE ignore ASCII case anyway, PostgreSQL's does not.
            var prefix = customer.ToLowerInvariant();
#pragma warning disable MA0011 // translated to SQL's LOWER(), which takes no culture
            orders = orders.Where(o => o.CustomerEmail.ToLower().StartsWith(prefix) || o.CustomerName.ToLower().StartsWith(prefix));
#pragma warning restore MA0011
        }
        if (request.Created is { } created) orders = orders.CreatedIn(created);
        if (request.AfterId > 0) orders = orders.Where(o => o.Id > request.AfterId);
        var page = await orders.OrderBy(o => o.Id).Skip(request.Skip).Take(request.Limit)
            .Include(o => o.Items.OrderBy(i => i.Id))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return page.Adapt<List<OrderResponse>>();
    }
}

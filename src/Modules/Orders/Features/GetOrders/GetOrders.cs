using Ecommerce.Shared.Hosting;
using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Validation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Features.GetOrders;

internal sealed record GetOrder(int OrderId) : IRequest<OrderResponse>;

/// <summary>D11: ordered by id ascending; status and customer_email filters are additive.</summary>
internal sealed record ListOrders(int Skip, int Limit, string? Status, string? CustomerEmail)
    : IRequest<IReadOnlyList<OrderResponse>>, IQueryRequest<ListOrders>
{
    public static ValueTask<ListOrders?> BindAsync(HttpContext context) => QueryReader.BindAsync(context, Read);

    public static ListOrders Read(QueryReader query)
    {
        var (skip, limit) = query.Page();
        return new ListOrders(skip, limit, query.Choice("status", OrderStatus.All), query.String("customer_email"));
    }
}

internal sealed class GetOrdersHandler(OrdersDbContext db, OrderLog orderLog) :
    IRequestHandler<GetOrder, OrderResponse>,
    IRequestHandler<ListOrders, IReadOnlyList<OrderResponse>>
{
    public async Task<OrderResponse> Handle(GetOrder request, CancellationToken cancellationToken)
    {
        using var _ = orderLog.About(request.OrderId);
        return (await db.LoadAsync(request.OrderId, cancellationToken)).Adapt<OrderResponse>();
    }

    public async Task<IReadOnlyList<OrderResponse>> Handle(ListOrders request, CancellationToken cancellationToken)
    {
        var orders = db.Orders.AsQueryable();
        if (request.Status is { } status) orders = orders.Where(o => o.Status == status);
        if (request.CustomerEmail is { } email) orders = orders.Where(o => o.CustomerEmail == email);
        var page = await orders.OrderBy(o => o.Id).Skip(request.Skip).Take(request.Limit)
            .Include(o => o.Items.OrderBy(i => i.Id))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return page.Adapt<List<OrderResponse>>();
    }
}

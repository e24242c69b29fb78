using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Outbox;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Mediator;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Features.GetOrders;

/// <summary>The attempt log of one order, oldest first (additive route): what its story shows beside its audit rows.</summary>
internal sealed record GetOrderAttempts(int OrderId) : IRequest<IReadOnlyList<StepAttemptResponse>>, IAboutOrder;

internal sealed class GetOrderAttemptsHandler(OrdersDbContext db) : IRequestHandler<GetOrderAttempts, IReadOnlyList<StepAttemptResponse>>
{
    private const int MaxListed = 500;

    public async Task<IReadOnlyList<StepAttemptResponse>> Handle(GetOrderAttempts request, CancellationToken cancellationToken)
    {
        if (!await db.Orders.AnyAsync(o => o.Id == request.OrderId, cancellationToken)) throw ApiError.NotFound("Order not found");
        return await db.Set<StepAttempt>().Where(a => a.OrderId == request.OrderId).OrderBy(a => a.Id).Take(MaxListed)
            .Select(a => new StepAttemptResponse(a.At, a.Step, a.Outcome, a.Detail)).ToListAsync(cancellationToken);
    }
}

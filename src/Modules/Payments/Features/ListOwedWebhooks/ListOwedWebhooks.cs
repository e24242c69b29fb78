using Ecommerce.Payments.Data;
using Ecommerce.Payments.Outbox;
using Ecommerce.Shared.Outbox;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Payments.Features.ListOwedWebhooks;

/// <summary>GET /payments/owed: the webhooks Orders has not taken yet (additive route), oldest first.</summary>
internal sealed record ListOwedWebhooks : IRequest<OwedWorkResponse>;

internal sealed class ListOwedWebhooksHandler(PaymentsDbContext db) : IRequestHandler<ListOwedWebhooks, OwedWorkResponse>
{
    private const int MaxListed = 100;

    public async Task<OwedWorkResponse> Handle(ListOwedWebhooks request, CancellationToken cancellationToken)
    {
        var webhooks = db.Set<OwedWebhook>();
        var steps = await webhooks.OrderBy(w => w.Id).Take(MaxListed)
            .Select(w => new OwedStep("webhook", w.OrderId, w.PaymentStatus, w.Attempts, w.LastError, w.NextAttemptAt))
            .ToListAsync(cancellationToken);
        return new OwedWorkResponse(await webhooks.CountAsync(cancellationToken), steps);
    }
}

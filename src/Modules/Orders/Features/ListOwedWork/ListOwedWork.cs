using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Outbox;
using Ecommerce.Shared.Outbox;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ecommerce.Orders.Features.ListOwedWork;

/// <summary>What the orders still owe: emails not yet delivered, chains in recovery, refunds not yet made (additive route).</summary>
internal sealed record ListOwedWork : IRequest<OwedWorkResponse>;

internal sealed class ListOwedWorkHandler(OrdersDbContext db, IOptions<OrdersOptions> options, TimeProvider clock)
    : IRequestHandler<ListOwedWork, OwedWorkResponse>
{
    private const int MaxListed = 100;

    public async Task<OwedWorkResponse> Handle(ListOwedWork request, CancellationToken cancellationToken)
    {
        // A chain is owed work only once it is past the grace of the request that started it (until then it is running).
        var startedBefore = clock.GetUtcNow().UtcDateTime - options.Value.ChainRecoveryGrace;
        var emails = db.Set<OwedEmail>();
        var chains = db.Set<UnfinishedChain>().Where(c => c.StartedAt <= startedBefore);
        var refunds = db.Set<OwedRefund>();
        var count = await emails.CountAsync(cancellationToken) + await chains.CountAsync(cancellationToken) + await refunds.CountAsync(cancellationToken);

        var steps = new List<OwedStep>();
        foreach (var email in await emails.OrderBy(e => e.Id).Take(MaxListed).ToListAsync(cancellationToken))
            steps.Add(new OwedStep("email", email.OrderId, email.TemplateName(), email.Attempts, email.LastError, email.NextAttemptAt));
        foreach (var chain in await chains.OrderBy(c => c.OrderId).Take(MaxListed).ToListAsync(cancellationToken))
            steps.Add(new OwedStep("chain", chain.OrderId, "payment and its email", chain.Attempts, chain.LastError, chain.NextAttemptAt));
        foreach (var refund in await refunds.OrderBy(r => r.OrderId).Take(MaxListed).ToListAsync(cancellationToken))
            steps.Add(new OwedStep("refund", refund.OrderId, "refund of the cancelled order", refund.Attempts, refund.LastError, refund.NextAttemptAt));
        return new OwedWorkResponse(count, steps);
    }
}

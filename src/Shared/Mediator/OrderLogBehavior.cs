using Ecommerce.Shared.Hosting;
using MediatR;

namespace Ecommerce.Shared.Mediator;

/// <summary>A request that names the order it is about (in its path or body).</summary>
public interface IAboutOrder
{
    int OrderId { get; }
}

/// <summary>
/// The step every handler of a request about an order would repeat: its log lines (and the request's own line) carry the
/// order id for as long as it runs. Handlers that learn the order only as they go (a new order, a payment found by id)
/// say so themselves with <see cref="OrderLog.About"/>.
/// </summary>
internal sealed class OrderLogBehavior<TRequest, TResponse>(OrderLog orderLog) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not IAboutOrder about) return await next();
        using var _ = orderLog.About(about.OrderId);
        return await next();
    }
}

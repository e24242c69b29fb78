using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ecommerce.Shared.Mediator;

/// <summary>
/// The one place MediatR 5.1 is wired (its DI package is not served here): a scoped ServiceFactory and IMediator, the
/// pipeline every request goes through (<see cref="OrderLogBehavior{TRequest,TResponse}"/>), and every
/// IRequestHandler&lt;,&gt; of a module's assembly.
/// </summary>
public static class MediatorRegistration
{
    public static IServiceCollection AddRequestHandlers(this IServiceCollection services, Assembly assembly)
    {
        services.TryAddScoped<ServiceFactory>(sp => type => sp.GetService(type)!);
        services.TryAddScoped<IMediator, MediatR.Mediator>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(IPipelineBehavior<,>), typeof(OrderLogBehavior<,>)));
        var handlers =
            from type in assembly.GetTypes()
            where type is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }
            from contract in type.GetInterfaces()
            where contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)
            select (contract, type);
        foreach (var (contract, type) in handlers) services.AddScoped(contract, type);
        return services;
    }
}

namespace Ecommerce.Shared.Hosting;

/// <summary>Endpoint metadata: the module whose port alone may serve this endpoint (D2).</summary>
public sealed record ModuleEndpoint(string Module);

public static class ModuleEndpointExtensions
{
    /// <summary>The route group of a module: answered only on that module's port, documented in its own OpenAPI document.</summary>
    public static RouteGroupBuilder MapModuleGroup(this IEndpointRouteBuilder app, string module, string prefix)
    {
        var group = app.MapGroup(prefix).WithMetadata(new ModuleEndpoint(module)).WithGroupName(module.ToLowerInvariant());
        return group;
    }
}

using Microsoft.AspNetCore.Routing.Matching;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// Routes by the port the connection arrived on (not the Host header): a module's endpoints exist only on its port,
/// so another port gives 404, never 405 (D2). It runs before the HTTP-method policy so 405s are judged per port.
/// Endpoints without <see cref="ModuleEndpoint"/> (health, docs) answer on every port.
/// </summary>
internal sealed class ModulePortMatcherPolicy(ModuleRegistry modules) : MatcherPolicy, INodeBuilderPolicy
{
    private const string NoModule = "";

    public override int Order => -2000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => ModuleOf(e) is not null);

    public IReadOnlyList<PolicyNodeEdge> GetEdges(IReadOnlyList<Endpoint> endpoints)
    {
        var names = endpoints.Select(ModuleOf).OfType<string>().Distinct();
        var edges = names
            .Select(name => new PolicyNodeEdge(name, endpoints.Where(e => ModuleOf(e) is null || ModuleOf(e) == name).ToList()))
            .ToList();
        edges.Add(new PolicyNodeEdge(NoModule, endpoints.Where(e => ModuleOf(e) is null).ToList()));
        return edges;
    }

    public PolicyJumpTable BuildJumpTable(int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges) =>
        new PortJumpTable(modules, edges.ToDictionary(e => (string)e.State, e => e.Destination), exitDestination);

    private static string? ModuleOf(Endpoint endpoint) => endpoint.Metadata.GetMetadata<ModuleEndpoint>()?.Module;

    private sealed class PortJumpTable(ModuleRegistry modules, Dictionary<string, int> destinations, int exit) : PolicyJumpTable
    {
        public override int GetDestination(HttpContext httpContext)
        {
            var module = modules.ModuleAt(httpContext.Connection.LocalPort) ?? NoModule;
            return destinations.TryGetValue(module, out var destination) ? destination
                : destinations.TryGetValue(NoModule, out var shared) ? shared : exit;
        }
    }
}

using Ecommerce.Shared.Json;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Security;

namespace Ecommerce.Shared.Persistence;

/// <summary>
/// GET /api/v1/{module}/changes (additive): an opaque marker that differs whenever something in the module changed (an
/// order created or moved, a payment made, a notification accepted or delivered). A watcher (the dashboard's live
/// updates) asks for it now and then and reloads only when it moved: a few index lookups, whatever the data.
/// </summary>
public static class ChangesRoute
{
    public static RouteHandlerBuilder MapChanges(this RouteGroupBuilder group, string name, string scope, Func<IServiceProvider, CancellationToken, Task<string>> marker) =>
        group.MapGet("/changes", async (HttpContext http, CancellationToken ct) => Wire.Ok(new ChangesResponse(await marker(http.RequestServices, ct))))
            .WithName(name).WithSummary("A marker that differs whenever something in this module changed: ask again, and reload when it moved.")
            .RequireScope(scope).Produces<ChangesResponse>();

    /// <summary>Whether a request is a watcher's poll of <see cref="MapChanges"/>, which the request log leaves out when it succeeds.</summary>
    public static bool IsPoll(HttpContext http) =>
        http.Request.Method == HttpMethods.Get && http.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase, out var rest) && rest.Value?.EndsWith("/changes", StringComparison.Ordinal) == true;
}

/// <summary>The module's change marker: compare it with the last one, never parse it.</summary>
public sealed record ChangesResponse(string Marker);

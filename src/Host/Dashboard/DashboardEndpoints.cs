using Carter;
using Ecommerce.Shared.Hosting;

namespace Ecommerce.Host.Dashboard;

public sealed class DashboardEndpoints : ICarterModule
{
    private const string Page = """
        <!doctype html>
        <html lang="ja"><head><meta charset="utf-8"><title>Ecommerce admin</title></head>
        <body><h1>Ecommerce admin</h1><p>Orders :8000, Payments :8001, Notifications :8002. The dashboard is coming.</p></body></html>
        """;

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var dashboard = app.MapModuleGroup(DashboardModule.Name, "/").ExcludeFromDescription();
        dashboard.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"));
    }
}

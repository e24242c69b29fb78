using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Primitives;

namespace Ecommerce.Dashboard;

/// <summary>
/// The dashboard's endpoints (pages, the Blazor hub, static assets, login), mapped and built in the background once the
/// ports listen. Building them (Razor component discovery, SignalR's hub method discovery, the static-asset manifest)
/// took ~230 ms of the host's start, which every API port waited for, since routing builds all endpoints at once.
/// Until they exist this source has none; requests on the dashboard's port wait for them (<see cref="IModuleWarmUp"/>),
/// then routing picks them up through the change token.
/// </summary>
internal sealed class DeferredEndpoints : EndpointDataSource, IEndpointRouteBuilder, IModuleWarmUp
{
    private WebApplication _app = null!;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource _changed = new();
    private IReadOnlyList<Endpoint> _endpoints = [];

    public string Module => DashboardModule.Name;
    public Task Done => _done.Task;

    public override IReadOnlyList<Endpoint> Endpoints => _endpoints;
    public override IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

    // What the dashboard's Map* calls see: their data sources land here, not in the application's.
    public IServiceProvider ServiceProvider => _app.Services;
    public ICollection<EndpointDataSource> DataSources { get; } = [];
    public IApplicationBuilder CreateApplicationBuilder() => ((IApplicationBuilder)_app).New();

    /// <summary>Adds this source to <paramref name="app"/>; <paramref name="map"/> runs once the ports listen.</summary>
    public void MapOnceStarted(WebApplication app, Action<IEndpointRouteBuilder> map)
    {
        _app = app;
        ((IEndpointRouteBuilder)app).DataSources.Add(this);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<DeferredEndpoints>();
        // After the module databases are migrated (at once when this process runs none): one background job at a time,
        // so on two cores the other stays free for the first requests. The dashboard's pages call those APIs anyway.
        var databases = app.Services.GetRequiredService<ModuleDatabases>();
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            if (!await databases.AllReadyOrFailedAsync(CancellationToken.None))
            {
                _done.SetCanceled(); // a database could not be migrated: the host is stopping, nothing to serve
                return;
            }
            try
            {
                map(this);
                _endpoints = new CompositeEndpointDataSource(DataSources).Endpoints;
                var changed = _changed;
                _changed = new CancellationTokenSource();
                changed.Cancel();
                _done.SetResult();
            }
            catch (Exception e)
            {
                log.LogError(e, "The dashboard's endpoints could not be built");
                _done.SetException(e);
            }
        }));
    }
}

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// <c>UseWhen</c>, with the branch's middlewares built on the first request that takes it instead of when the host
/// starts: for what only some requests need (/docs, /redoc, the dashboard's sign-in), so the start does not pay for it.
/// </summary>
public static class LazyBranch
{
    public static IApplicationBuilder UseWhenFirstNeeded(
        this IApplicationBuilder app, Func<HttpContext, bool> predicate, Action<IApplicationBuilder> configure)
    {
        var branch = app.New();
        configure(branch);
        return app.Use(next =>
        {
            branch.Run(next);
            var pipeline = new Lazy<RequestDelegate>(branch.Build, LazyThreadSafetyMode.ExecutionAndPublication);
            return context => predicate(context) ? pipeline.Value(context) : next(context);
        });
    }
}

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// <c>UseWhen</c>, with the branch's middlewares configured and built on the first request that takes it instead of when
/// the host starts: for what only some requests need (/docs, /redoc, the dashboard's antiforgery), so the start does not
/// pay for it (e.g. <c>UseAntiforgery</c> resolves the antiforgery services, data protection included, as it is called).
/// </summary>
public static class LazyBranch
{
    public static IApplicationBuilder UseWhenFirstNeeded(
        this IApplicationBuilder app, Func<HttpContext, bool> predicate, Action<IApplicationBuilder> configure)
    {
        return app.Use(next =>
        {
            var pipeline = new Lazy<RequestDelegate>(() =>
            {
                var branch = app.New();
                configure(branch);
                branch.Run(next);
                return branch.Build();
            }, LazyThreadSafetyMode.ExecutionAndPublication);
            return context => predicate(context) ? pipeline.Value(context) : next(context);
        });
    }
}

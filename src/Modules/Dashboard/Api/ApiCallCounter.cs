namespace Ecommerce.Dashboard.Api;

/// <summary>Counts the dashboard's calls to the APIs, so a test can hold a page to a bounded number (no N+1).</summary>
public sealed class ApiCallCounter
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    internal sealed class Handler(ApiCallCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

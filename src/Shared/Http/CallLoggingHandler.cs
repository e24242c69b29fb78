using System.Diagnostics;
using Ecommerce.Shared.Outbox;

namespace Ecommerce.Shared.Http;

/// <summary>One structured log line per cross-module call; the order id comes from the caller's log context.</summary>
internal sealed class CallLoggingHandler(ILogger<CallLoggingHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        WorkRound.MarkBusy();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            logger.LogInformation("Call {Method:l} {Url:l} answered {StatusCode} in {Elapsed:0.0} ms",
                request.Method.Method, request.RequestUri, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception)
        {
            logger.LogWarning("Call {Method:l} {Url:l} failed after {Elapsed:0.0} ms: {Error:l}",
                request.Method.Method, request.RequestUri, Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception.Message);
            throw;
        }
    }
}

using Serilog;
using Serilog.Context;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// The one way an order id reaches the logs: the handler or worker that knows which order it is about says so
/// (<c>using var _ = orderLog.About(id);</c>). Until it is disposed every line written (its calls to other modules
/// included) carries <c>OrderId</c>, and so does the request's own line, written when the response is done.
/// </summary>
public sealed class OrderLog(IDiagnosticContext request)
{
    public IDisposable About(int orderId)
    {
        request.Set("OrderId", orderId);   // outside a request (a worker) there is no request line: nothing is collected
        return LogContext.PushProperty("OrderId", orderId);
    }
}

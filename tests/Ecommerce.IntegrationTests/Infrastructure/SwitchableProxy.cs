using Microsoft.AspNetCore.Http;

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>
/// Stands between one module and another (set a module's <c>Services:{Module}:BaseUrl</c> to <see cref="BaseUrl"/>):
/// forwards every request to <see cref="TargetPort"/> while up, answers 503 while <see cref="Down"/>, to play a module
/// that goes away and comes back.
/// </summary>
public sealed class SwitchableProxy : IAsyncDisposable
{
    private readonly HttpClient _forward = new();
    private readonly StubServer _server;
    private volatile bool _down;

    public SwitchableProxy()
    {
        _server = new StubServer(ForwardAsync, readBody: false);
    }

    public string BaseUrl => _server.BaseUrl;

    /// <summary>The port requests go to; set once the host behind it has started.</summary>
    public int TargetPort { get; set; }

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        if (_down)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method),
            $"http://127.0.0.1:{TargetPort}{context.Request.Path}{context.Request.QueryString}");
        if (context.Request.ContentLength > 0 || context.Request.Method == "POST")
        {
            request.Content = new StreamContent(context.Request.Body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        }
        using var response = await _forward.SendAsync(request);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await response.Content.CopyToAsync(context.Response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _forward.Dispose();
    }
}

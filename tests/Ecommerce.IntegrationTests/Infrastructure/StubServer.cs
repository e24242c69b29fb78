using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>A stand-in for another service on a port Kestrel picks: records what it receives, answers what it is told.</summary>
public sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <param name="readBody">False leaves the body for <paramref name="respond"/> to read (it is then not recorded).</param>
    public StubServer(Func<HttpContext, Task> respond, bool readBody = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");   // Kestrel picks the port as it binds
        _app = builder.Build();
        _app.Run(async context =>
        {
            if (readBody)
            {
                using var reader = new StreamReader(context.Request.Body);
                Received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path, context.Request.ContentType, await reader.ReadToEndAsync()));
            }
            await respond(context);
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Port = new Uri(_app.Urls.Single()).Port;
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}/api/v1";
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string Method, string Path, string? ContentType, string Body);

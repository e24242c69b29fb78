using System.Net;

namespace Ecommerce.Bench;

/// <summary>
/// --otel: a local OTLP/HTTP endpoint that takes every export and drops it, so the benchmark measures what exporting
/// costs the host (spans, metrics, protobuf, HTTP posts), not a collector's speed.
/// </summary>
internal sealed class OtlpSink : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private long _exports;
    private long _bytes;

    public OtlpSink()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                try
                {
                    var context = await _listener.GetContextAsync();
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await context.Request.InputStream.ReadAsync(buffer)) > 0) Interlocked.Add(ref _bytes, read);
                    Interlocked.Increment(ref _exports);
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (Exception) when (!_listener.IsListening)
                {
                    return;
                }
            }
        });
    }

    public int Port { get; }

    public Dictionary<string, string> HostSettings => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{Port}",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    };

    public string Summary => $"{Interlocked.Read(ref _exports)} OTLP exports, {Interlocked.Read(ref _bytes) / 1024.0 / 1024.0:0.0} MiB";

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

using System.Collections.Concurrent;
using System.Net;

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>
/// An OTLP/HTTP (protobuf) collector in the test process, on a free port: it takes what the host's exporter posts to
/// <c>/v1/traces</c> and <c>/v1/metrics</c> and keeps the spans (trace id, name, string attributes) and metric names.
/// The protobuf is read by field number (opentelemetry-proto's trace.proto and metrics.proto): no generated code needed.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Port = FreePorts.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public int Port { get; }
    public string Endpoint => $"http://127.0.0.1:{Port}";
    public ConcurrentBag<ReceivedSpan> Spans { get; } = [];
    public ConcurrentDictionary<string, bool> MetricNames { get; } = new();

    /// <summary>Metric exports received so far: the host's own clock ticking (one per OTEL_METRIC_EXPORT_INTERVAL).</summary>
    public int MetricExports => Volatile.Read(ref _metricExports);

    private int _metricExports;

    private volatile bool _stopping;

    private async Task ReceiveAsync()
    {
        while (!_stopping)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (_stopping && exception is ObjectDisposedException or HttpListenerException)
            {
                return;   // the pending wait ends when the listener is stopped (seen as either exception, by timing)
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var bytes = body.ToArray();
            if (context.Request.Url!.AbsolutePath == "/v1/traces") ReadTraces(bytes);
            else if (context.Request.Url.AbsolutePath == "/v1/metrics")
            {
                ReadMetrics(bytes);
                Interlocked.Increment(ref _metricExports);
            }
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    // ExportTraceServiceRequest: resource_spans = 1 → scope_spans = 2 → spans = 2 →
    // trace_id = 1, span_id = 2, parent_span_id = 4, name = 5, kind = 6, attributes = 9 (KeyValue: key = 1, value = 2 → string_value = 1).
    private void ReadTraces(byte[] request)
    {
        foreach (var resource in Fields(request, 1))
        foreach (var scope in Fields(resource, 2))
        foreach (var span in Fields(scope, 2))
        {
            var attributes = new Dictionary<string, string>();
            foreach (var pair in Fields(span, 9))
            {
                var key = Text(Fields(pair, 1).FirstOrDefault());
                var value = Fields(pair, 2).Select(v => Fields(v, 1).FirstOrDefault()).FirstOrDefault();
                if (value is not null) attributes[key] = Text(value);
            }
            Spans.Add(new ReceivedSpan(Convert.ToHexStringLower(Fields(span, 1).First()), Text(Fields(span, 5).FirstOrDefault()), Varint(span, 6), attributes));
        }
    }

    // ExportMetricsServiceRequest: resource_metrics = 1 → scope_metrics = 2 → metrics = 2 → name = 1.
    private void ReadMetrics(byte[] request)
    {
        foreach (var resource in Fields(request, 1))
        foreach (var scope in Fields(resource, 2))
        foreach (var metric in Fields(scope, 2))
            MetricNames[Text(Fields(metric, 1).FirstOrDefault())] = true;
    }

    private static string Text(byte[]? bytes) => bytes is null ? "" : System.Text.Encoding.UTF8.GetString(bytes);

    /// <summary>The length-delimited fields with this number, in order.</summary>
    private static IEnumerable<byte[]> Fields(byte[] message, int number)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var (field, wireType) = ((int)(tag >> 3), (int)(tag & 7));
            switch (wireType)
            {
                case 0: ReadVarint(message, ref position); break;
                case 1: position += 8; break;
                case 5: position += 4; break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    if (field == number) yield return message[position..(position + length)];
                    position += length;
                    break;
                default: throw new FormatException($"protobuf wire type {wireType}");
            }
        }
    }

    private static int Varint(byte[] message, int number)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var (field, wireType) = ((int)(tag >> 3), (int)(tag & 7));
            if (wireType == 0)
            {
                var value = ReadVarint(message, ref position);
                if (field == number) return (int)value;
            }
            else if (wireType == 1) position += 8;
            else if (wireType == 5) position += 4;
            else
            {
                var length = (int)ReadVarint(message, ref position);
                position += length;
            }
        }
        return 0;
    }

    private static ulong ReadVarint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

/// <summary>A span as exported: its trace, name, kind (2 = server, 3 = client) and string attributes.</summary>
public sealed record ReceivedSpan(string TraceId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes);

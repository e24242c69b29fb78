using System.Buffers;
using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// The log's JSON lines to standard output, many in one write. Each event is formatted where it is logged (so it dies
/// young, as a queued event did not) into a pending buffer; a writer wakes when the buffer gets its first line, lets
/// 10 ms of lines gather, and writes them with one system call. The console sink wrote each line through
/// <see cref="Console.Out"/>, every 256 characters (two or three system calls a line), and on a virtual machine a
/// system call is dear (docs/benchmarks.md). What is pending is written when the host stops; if standard output stops
/// taking lines, lines beyond 16 MB pending are dropped rather than held.
/// </summary>
internal sealed class JsonLinesSink : ILogEventSink, IDisposable
{
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(10);
    private const int MostPending = 16 << 20;
    private static readonly Lazy<Stream> StandardOutput = new(Console.OpenStandardOutput);

    private readonly ITextFormatter _formatter;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private StringBuilder _pending = new();
    private StringBuilder _writing = new();
    private long _dropped;

    public JsonLinesSink(ITextFormatter formatter)
    {
        _formatter = formatter;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Set by a test that reads the log: the lines go to this writer instead of standard output.</summary>
    internal static TextWriter? Capture { get; set; }

    public void Emit(LogEvent logEvent)
    {
        var line = new StringWriter(new StringBuilder(512), CultureInfo.InvariantCulture);
        _formatter.Format(logEvent, line);
        bool first;
        lock (_lock)
        {
            if (_pending.Length > MostPending)
            {
                _dropped++;
                return;
            }
            first = _pending.Length == 0;
            _pending.Append(line.GetStringBuilder());
        }
        if (first) _wake.Release();
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (true)
            {
                await _wake.WaitAsync(_stop.Token);
                await Task.Delay(Gather, _stop.Token);
                await WriteAsync();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Everything pending, in one write.</summary>
    private async Task WriteAsync()
    {
        long dropped;
        lock (_lock)
        {
            (_pending, _writing) = (_writing, _pending);
            dropped = _dropped;
            _dropped = 0;
        }
        if (dropped > 0) SelfLog.WriteLine("{0} log lines dropped: standard output did not take them", dropped);
        if (_writing.Length == 0) return;
        try
        {
            if (Capture is { } capture) await capture.WriteAsync(_writing);
            else
            {
                var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(_writing.Length));
                try
                {
                    var length = 0;
                    foreach (var chunk in _writing.GetChunks()) length += Encoding.UTF8.GetBytes(chunk.Span, bytes.AsSpan(length));
                    await StandardOutput.Value.WriteAsync(bytes.AsMemory(0, length));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }
            }
        }
        catch (IOException exception)
        {
            SelfLog.WriteLine("Log lines not written: {0}", exception.Message);
        }
        _writing.Clear();
        if (_writing.Capacity > 1 << 20) _writing.Capacity = 1 << 16; // one burst's buffer is not kept for good
    }

    // The semaphore and the token source stay undisposed: a line logged after this (a late shutdown message) must not throw.
    public void Dispose()
    {
        _stop.Cancel();
        _writer.GetAwaiter().GetResult();
        WriteAsync().GetAwaiter().GetResult();
    }
}

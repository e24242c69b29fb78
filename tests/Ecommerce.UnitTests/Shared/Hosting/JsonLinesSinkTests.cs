using System.Text.Json.Nodes;
using Ecommerce.Shared.Hosting;
using Serilog;
using Serilog.Formatting.Compact;

namespace Ecommerce.UnitTests.Shared.Hosting;

/// <summary>
/// The log's sink writes many lines at a time, off the logging thread: every line logged, from any thread, is written
/// whole and once, each thread's in its order, and what is pending when the logger is disposed is written then.
/// </summary>
[NonParallelizable]
public sealed class JsonLinesSinkTests
{
    [Test]
    public async Task Lines_logged_from_many_threads_are_all_written_whole_in_each_threads_order_by_the_time_the_logger_is_disposed()
    {
        var captured = new StringWriter();
        JsonLinesSink.Capture = TextWriter.Synchronized(captured);
        try
        {
            var logger = new LoggerConfiguration().WriteTo.Sink(new JsonLinesSink(new RenderedCompactJsonFormatter())).CreateLogger();
            await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
            {
                for (var i = 0; i < 2_000; i++) logger.Information("Line {Thread} {Index} 日本語", thread, i);
            })));
            logger.Dispose();
        }
        finally
        {
            JsonLinesSink.Capture = null;
        }

        var lines = captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That(lines, Has.Count.EqualTo(16_000));
        foreach (var thread in lines.GroupBy(l => (int)l["Thread"]!))
            Assert.That(thread.Select(l => (int)l["Index"]!), Is.EqualTo(Enumerable.Range(0, 2_000)), $"thread {thread.Key}");
        Assert.That(lines.Select(l => (string?)l["@m"]), Has.All.EndsWith("日本語"));
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Ecommerce.Bench;

/// <summary>
/// N emails accepted in batches of 1,000 and delivered over SMTP to a local sink, after as many (at most 5,000) to warm
/// up: time to the last one, messages/s, CPU per email and connections opened, against a baseline from the same run:
/// one MailKit connection sending N messages of the same form straight to the same sink (what one connection can carry
/// here, with nothing stored).
/// </summary>
internal static class DeliveryScenario
{
    private const int Batch = 1000;
    private const int WarmupEmails = 5000;

    /// <param name="latency">--latency-ms: the sink answers each exchange this much later, as a provider across the internet.</param>
    public static async Task<int> RunAsync(string hostDll, Options options, TimeSpan latency)
    {
        var count = options.Orders;
        await using var sink = new SmtpSink(latency);

        var baseline = await DirectAsync(sink.Port, count);
        var sinkBefore = sink.Messages;

        var settings = new Dictionary<string, string>(sink.HostSettings)
        {
            ["Notifications:RateLimitPerSecond"] = "1000000", ["Serilog:MinimumLevel:Default"] = options.LogLevel,
        };
        foreach (var (key, value) in options.Environment) settings[key] = value;
        await using var host = await HostProcess.StartAsync(hostDll, settings);
        using var http = LoadDriver.Client();
        http.Timeout = TimeSpan.FromMinutes(5);
        var url = host.Url("Notifications", "/api/v1/notifications/email/batch");

        // A warm-up pass first (JIT, tiering, connections), so the figures below are the steady state's.
        var warmup = Math.Min(count, WarmupEmails);
        await PostAsync(http, url, count, warmup);
        await sink.WaitForAsync(sinkBefore + warmup, Stopwatch.GetTimestamp());
        sinkBefore = sink.Messages;

        var (hostCpu, benchCpu) = (host.CpuUsed(), Process.GetCurrentProcess().TotalProcessorTime);
        var start = Stopwatch.GetTimestamp();
        await PostAsync(http, url, 0, count);
        var accepted = Stopwatch.GetElapsedTime(start);
        var total = await sink.WaitForAsync(sinkBefore + count, start);
        var delivered = sink.Messages - sinkBefore;
        hostCpu = host.CpuUsed() - hostCpu;
        benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpu;
        var peakRss = host.PeakRssMiB();

        var report = new StringBuilder();
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Scenario: {count} emails through POST /notifications/email/batch ({Batch} each), delivered over SMTP to a local sink answering each exchange after {latency.TotalMilliseconds:0} ms");
        report.AppendLine(CultureInfo.InvariantCulture, $"{"",-44}{"seconds",10}{"msgs/s",10}");
        report.AppendLine(CultureInfo.InvariantCulture, $"{"baseline: one MailKit connection, direct",-44}{baseline.TotalSeconds,10:0.00}{count / baseline.TotalSeconds,10:0}");
        report.AppendLine(CultureInfo.InvariantCulture, $"{"accepted by the API (stored and queued)",-44}{accepted.TotalSeconds,10:0.00}{count / accepted.TotalSeconds,10:0}");
        report.AppendLine(CultureInfo.InvariantCulture, $"{"delivered, first POST to last message",-44}{total.TotalSeconds,10:0.00}{delivered / total.TotalSeconds,10:0}");
        report.AppendLine(CultureInfo.InvariantCulture, $"delivered ÷ baseline:        {baseline.TotalSeconds / total.TotalSeconds:0.00}");
        report.AppendLine(CultureInfo.InvariantCulture, $"messages at the sink:        {delivered}/{count} (after {warmup} delivered to warm up)");
        report.AppendLine(CultureInfo.InvariantCulture, $"host CPU per email:          {hostCpu.TotalMilliseconds / delivered:0.000} ms ({hostCpu / total:0.00} cores busy)");
        report.AppendLine(CultureInfo.InvariantCulture, $"this process per email:      {benchCpu.TotalMilliseconds / delivered:0.000} ms (the sink and the posting client)");
        report.AppendLine(CultureInfo.InvariantCulture, $"SMTP connections (host):     {sink.Connections - 1}");
        report.AppendLine(CultureInfo.InvariantCulture, $"host peak RSS:               {peakRss:0} MiB");
        Console.WriteLine(report.ToString());
        return delivered == count ? 0 : 1;
    }

    /// <summary>Emails <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 accepted in batches.</summary>
    private static async Task PostAsync(HttpClient http, string url, int first, int count)
    {
        for (var next = first; next < first + count; next += Batch)
        {
            var body = BatchBody(next, Math.Min(Batch, first + count - next));
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            request.Headers.Add("Prefer", "return=minimal");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
    }

    private static string BatchBody(int first, int size)
    {
        var items = Enumerable.Range(first, size).Select(i =>
            $"{{\"order_id\":{i + 1},\"to_email\":\"customer{i}@example.co.jp\",\"template_name\":\"ORDER_CONFIRMATION\"," +
            $"\"template_data\":{{\"order_id\":{i + 1},\"customer_name\":\"田中太郎\",\"total_amount\":183100,\"currency\":\"JPY\",\"item_count\":2}}}}");
        return "{\"notifications\":[" + string.Join(",", items) + "]}";
    }

    /// <summary>The same number of messages of the same size straight from one MailKit connection.</summary>
    private static async Task<TimeSpan> DirectAsync(int port, int count)
    {
        using var client = new SmtpClient();
        var clock = Stopwatch.StartNew();
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        for (var i = 0; i < count; i++)
        {
            var message = new MimeMessage();
            message.From.Add(new MailboxAddress("", "shop@example.com"));
            message.To.Add(new MailboxAddress("", $"customer{i}@example.co.jp"));
            message.Subject = $"ご注文確認 — 注文番号 #{i + 1}";
            message.MessageId = $"{Guid.NewGuid():N}@example.com";
            var text = new TextPart("plain") { Text = "田中太郎 様\n\nご注文ありがとうございます。以下の内容でご注文を承りました。\n\n注文番号: #1\n商品点数: 2点\nご請求金額: ¥183,100\n" };
            text.ContentTransferEncoding = text.GetBestEncoding(EncodingConstraint.SevenBit);
            message.Body = text;
            await client.SendAsync(message);
        }
        await client.DisconnectAsync(true);
        return clock.Elapsed;
    }
}

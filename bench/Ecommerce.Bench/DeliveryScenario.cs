using System.Diagnostics;
using System.Globalization;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Ecommerce.Bench;

/// <summary>
/// N emails accepted in batches of 1,000 and delivered over SMTP to a local sink: time to the last one, messages/s and
/// connections opened, against a baseline from the same run: one MailKit connection sending N messages of the same form
/// straight to the same sink (what one connection can carry here, with nothing stored).
/// </summary>
internal static class DeliveryScenario
{
    private const int Batch = 1000;

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

        var start = Stopwatch.GetTimestamp();
        for (var first = 0; first < count; first += Batch)
        {
            var body = BatchBody(first, Math.Min(Batch, count - first));
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            request.Headers.Add("Prefer", "return=minimal");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
        var accepted = Stopwatch.GetElapsedTime(start);
        var total = await sink.WaitForAsync(sinkBefore + count, start);
        var delivered = sink.Messages - sinkBefore;
        var peakRss = host.PeakRssMiB();

        var report = new StringBuilder();
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Scenario: {count} emails through POST /notifications/email/batch ({Batch} each), delivered over SMTP to a local sink answering each exchange after {latency.TotalMilliseconds:0} ms");
        report.AppendLine(CultureInfo.InvariantCulture, $"{"",-44}{"seconds",10}{"msgs/s",10}");
        report.AppendLine(CultureInfo.InvariantCulture, $"{"baseline: one MailKit connection, direct",-44}{baseline.TotalSeconds,10:0.00}{count / baseline.TotalSeconds,10:0}");
        report.AppendLine(CultureInfo.InvariantCulture, $"{"accepted by the API (stored and queued)",-44}{accepted.TotalSeconds,10:0.00}{count / accepted.TotalSeconds,10:0}");
        report.AppendLine(CultureInfo.InvariantCulture, $"{"delivered, first POST to last message",-44}{total.TotalSeconds,10:0.00}{delivered / total.TotalSeconds,10:0}");
        report.AppendLine(CultureInfo.InvariantCulture, $"delivered ÷ baseline:        {baseline.TotalSeconds / total.TotalSeconds:0.00}");
        report.AppendLine(CultureInfo.InvariantCulture, $"messages at the sink:        {delivered}/{count}");
        report.AppendLine(CultureInfo.InvariantCulture, $"SMTP connections (host):     {sink.Connections - 1}");
        report.AppendLine(CultureInfo.InvariantCulture, $"host peak RSS:               {peakRss:0} MiB");
        Console.WriteLine(report.ToString());
        return delivered == count ? 0 : 1;
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

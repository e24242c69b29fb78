using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Ecommerce.Bench;

/// <summary>
/// 10,000 orders (2 items each) through POST /orders/bulk on a fresh host with the default 10/s notification limit,
/// against a sample of single POST /orders (32 clients, on another fresh host), then checks every imported order.
/// Both paths are compared warm, as a running service meets them: the single path gets its warm-up of orders, the bulk
/// path two full imports of other orders first (the first import in a fresh process is printed too, labelled cold).
/// </summary>
internal static class ImportScenario
{
    /// <param name="smtp">--smtp: the bulk host delivers its emails over SMTP to a local sink; the cold import's emails are timed to the last one.</param>
    public static async Task<int> RunAsync(string hostDll, Options options, bool smtp)
    {
        var count = options.Orders;
        var settings = new Dictionary<string, string> { ["Serilog:MinimumLevel:Default"] = options.LogLevel };
        foreach (var (key, value) in options.Environment) settings[key] = value;
        await using var sink = smtp ? new SmtpSink() : null;
        TimeSpan? coldDelivered = null;

        // Bulk, with the product's default rate limit: one batch request is one of the 10 per second.
        TimeSpan bulkTime, coldTime;
        var warmups = 0;
        (double Rss, double Private) bulkMemory;
        int verifiedPaid, verifiedPayments, verifiedConfirmations;
        await using (var host = await HostProcess.StartAsync(hostDll, sink is null ? settings : settings.Concat(sink.HostSettings).ToDictionary()))
        {
            using var http = LoadDriver.Client();
            http.Timeout = TimeSpan.FromMinutes(5);
            host.SamplePrivateMemory();
            var body = BulkBody(count);
            // Tiered JIT needs several passes over the bulk path before it runs optimised code (measured: about six
            // imports), so imports of other orders run for half the warm-up time the single path gets.
            var coldStart = Stopwatch.GetTimestamp();
            var cold = Stopwatch.StartNew();
            await Post(http, host.Url("Orders", "/api/v1/orders/bulk"), BulkBody(count, prefix: "warmup0"));
            coldTime = cold.Elapsed;
            if (sink is not null) coldDelivered = await sink.WaitForAsync(count, coldStart);
            var warm = Stopwatch.StartNew();
            for (warmups = 1; warm.Elapsed < options.Warmup / 2; warmups++)
            {
                await PauseForRateLimit();
                await Post(http, host.Url("Orders", "/api/v1/orders/bulk"), BulkBody(count, prefix: $"warmup{warmups}"));
            }
            await PauseForRateLimit();

            var clock = Stopwatch.StartNew();
            var response = await Post(http, host.Url("Orders", "/api/v1/orders/bulk"), body);
            bulkTime = clock.Elapsed;
            var result = JsonNode.Parse(response)!;
            Console.WriteLine($"bulk response: created {result["created"]}, existing {result["existing"]}, failed {result["failed"]}");
            bulkMemory = (host.PeakRssMiB(), host.PeakPrivateMiB());

            var ids = result["results"]!.AsArray().Select(r => (int)r!["order"]!["id"]!).ToHashSet();
            verifiedPaid = result["results"]!.AsArray().Count(r => (string?)r!["order"]!["status"] == "paid");
            verifiedPayments = (await ReadAll(http, host.Url("Payments", "/api/v1/payments/?status=completed")))
                .Count(p => ids.Contains((int)p["order_id"]!));
            verifiedConfirmations = (await ReadAll(http, host.Url("Notifications", "/api/v1/notifications/?template_name=ORDER_CONFIRMATION")))
                .Select(n => (int)n["order_id"]!).Where(ids.Contains).Distinct().Count();

            await PauseForRateLimit();
            var again = JsonNode.Parse(await Post(http, host.Url("Orders", "/api/v1/orders/bulk"), body))!;
            Console.WriteLine($"re-sent the same file: created {again["created"]}, existing {again["existing"]} (idempotent by external_id)");
        }

        // Single POSTs for comparison, limit raised so that every order really completes its chain.
        var sample = Math.Min(2000, count);
        TimeSpan singleTime;
        await using (var host = await HostProcess.StartAsync(hostDll, new Dictionary<string, string>(settings) { ["Notifications:RateLimitPerSecond"] = "1000000" }))
        {
            using var http = LoadDriver.Client();
            var url = host.Url("Orders", "/api/v1/orders/");
            var single = Encoding.UTF8.GetBytes(OrderJson(0, "single"));
            async Task<bool> PostOne(HttpClient client)
            {
                using var content = new ByteArrayContent(single);
                content.Headers.ContentType = new("application/json");
                using var r = await client.PostAsync(url, content);
                return r.StatusCode == HttpStatusCode.Created;
            }
            await LoadDriver.RunAsync(http, options.Clients, options.Warmup, PostOne);   // warm-up, as in the orders scenario
            var remaining = sample;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async _ =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0) await PostOne(http);
            }));
            singleTime = clock.Elapsed;
        }

        var singleExtrapolated = singleTime * ((double)count / sample);
        Console.WriteLine();
        Console.WriteLine($"Scenario: import {count} orders (2 items each) — bulk API vs single POST /orders/ ({options.Clients} clients)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bulk, 1 request (cold):     {coldTime.TotalSeconds,8:0.00} s   {count / coldTime.TotalSeconds,8:0} orders/s   (first import in a fresh process)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bulk, 1 request:            {bulkTime.TotalSeconds,8:0.00} s   {count / bulkTime.TotalSeconds,8:0} orders/s   (after {warmups} imports of warm-up)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"single, {sample} measured:      {singleTime.TotalSeconds,8:0.00} s   {sample / singleTime.TotalSeconds,8:0} orders/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"single, {count} extrapolated: {singleExtrapolated.TotalSeconds,8:0.00} s   (from the {sample} measured)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"speed-up bulk vs single:    {singleExtrapolated / bulkTime,8:0.0}×   (cold bulk: {singleExtrapolated / coldTime:0.0}×)"));
        foreach (var (label, verified) in new[] { ("imported orders paid:", verifiedPaid), ("with a completed payment:", verifiedPayments), ("with ORDER_CONFIRMATION:", verifiedConfirmations) })
            Console.WriteLine($"{label,-28}{verified}/{count}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"host peak RSS (bulk):       {bulkMemory.Rss:0} MiB (private {bulkMemory.Private:0} MiB, sampled: the rest is program files mapped from disk)"));
        if (sink is not null)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"SMTP: the cold import's {count} emails at the sink {coldDelivered?.TotalSeconds:0.00} s after its POST began; {sink.Messages} emails in all over {sink.Connections} connection(s)"));
        return verifiedPaid == count && verifiedPayments == count && verifiedConfirmations == count ? 0 : 1;
    }

    /// <summary>An import sends one email batch per chunk, each one of the 10 per second: let the window clear between imports.</summary>
    private static Task PauseForRateLimit() => Task.Delay(TimeSpan.FromSeconds(1.1));

    internal static async Task<string> Post(HttpClient http, string url, string json)
    {
        using var response = await http.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
        return text;
    }

    private static async Task<List<JsonNode>> ReadAll(HttpClient http, string url)
    {
        var all = new List<JsonNode>();
        for (var skip = 0; ; skip += 100)
        {
            var page = (await http.GetFromJsonAsync<JsonArray>($"{url}&skip={skip}&limit=100"))!;
            all.AddRange(page.Select(n => n!));
            if (page.Count < 100) return all;
        }
    }

    internal static string BulkBody(int count, string prefix = "import") =>
        "{\"orders\":[" + string.Join(",", Enumerable.Range(0, count).Select(i => OrderJson(i, prefix))) + "]}";

    private static string OrderJson(int i, string prefix) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"external_id":"{{prefix}}-{{i}}","customer_email":"customer{{i}}@example.co.jp","customer_name":"顧客{{i}}","items":[{"product_name":"ノートPC","quantity":1,"unit_price":89800.0},{"product_name":"マウス","quantity":{{1 + i % 3}},"unit_price":3500.0}],"currency":"JPY"}""");
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Ecommerce.Bench;

/// <summary>
/// A burst of single orders (default 200, 8 clients) against the product's default notification limit (10/s): how long
/// until the last ORDER_CONFIRMATION is stored, and whether every order got exactly one. Emails Notifications refuses
/// with 429 are owed and delivered by Orders' dispatcher. Beside it, from the same run, the floor of sending each email
/// as its own request at 10/s (N/10 s), which the dispatcher's batches can beat.
/// </summary>
internal static class BurstScenario
{
    public static async Task<int> RunAsync(string hostDll, Options options, int count)
    {
        var settings = new Dictionary<string, string> { ["Serilog:MinimumLevel:Default"] = options.LogLevel };
        foreach (var (key, value) in options.Environment) settings[key] = value;
        await using var host = await HostProcess.StartAsync(hostDll, settings);
        using var http = LoadDriver.Client();
        var body = """
            {"customer_email":"tanaka@example.co.jp","customer_name":"田中太郎","items":[{"product_name":"ノートPC","quantity":1,"unit_price":89800.0}]}
            """;

        var ids = new List<int>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                using var response = await http.PostAsync(host.Url("Orders", "/api/v1/orders/"), new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"POST /orders/ answered {(int)response.StatusCode}");
                var id = (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
                lock (ids) ids.Add(id);
            }
        }));
        var created = clock.Elapsed;
        var atOnce = (await Confirmations(http, host)).Count;

        Dictionary<int, int> confirmations;
        do
        {
            await Task.Delay(100);
            confirmations = await Confirmations(http, host);
        } while (ids.Any(id => !confirmations.ContainsKey(id)) && clock.Elapsed < TimeSpan.FromMinutes(3));
        var allConfirmed = clock.Elapsed;
        var missing = ids.Count(id => !confirmations.ContainsKey(id));
        var doubled = ids.Count(id => confirmations.GetValueOrDefault(id) > 1);

        Console.WriteLine();
        Console.WriteLine($"Scenario: a burst of {count} POST /orders/ from {options.Clients} clients at the default notification limit (10/s)");
        Console.WriteLine($"orders created:                    {ids.Count} in {created.TotalSeconds:0.00} s ({ids.Count / created.TotalSeconds:0} orders/s)");
        Console.WriteLine($"confirmations stored by then:      {atOnce}/{count} (the rest met the limit: 429)");
        Console.WriteLine($"last confirmation stored after:    {allConfirmed.TotalSeconds:0.00} s");
        Console.WriteLine($"floor, one email per request:      {count / 10.0:0.00} s (N / 10 per second)");
        Console.WriteLine($"missing / doubled confirmations:   {missing} / {doubled}");
        Console.WriteLine($"host peak RSS:                     {host.PeakRssMiB():0} MiB");
        return missing == 0 && doubled == 0 ? 0 : 1;
    }

    /// <summary>ORDER_CONFIRMATION count per order id, read page by page.</summary>
    private static async Task<Dictionary<int, int>> Confirmations(HttpClient http, HostProcess host)
    {
        var counts = new Dictionary<int, int>();
        for (var skip = 0; ; skip += 100)
        {
            var page = await http.GetFromJsonAsync<JsonArray>(host.Url("Notifications", $"/api/v1/notifications/?template_name=ORDER_CONFIRMATION&skip={skip}&limit=100"));
            foreach (var n in page!) counts[(int)n!["order_id"]!] = counts.GetValueOrDefault((int)n!["order_id"]!) + 1;
            if (page.Count < 100) return counts;
        }
    }
}

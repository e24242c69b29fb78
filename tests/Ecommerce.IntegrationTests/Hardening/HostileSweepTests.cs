using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CsCheck;
using Ecommerce.Shared.Hosting;
using Microsoft.AspNetCore.Routing;

namespace Ecommerce.IntegrationTests.Hardening;

/// <summary>
/// A seeded property-based sweep of every API route the host maps: generated malformed paths, query strings, content
/// types and bodies. Never a 5xx, every 4xx a <c>{"detail": ...}</c> body, and afterwards the host still answers on every
/// port and still takes a normal order through the whole chain. The same cases run every time (fixed seed); the longer
/// sweep the team runs by hand sets HOSTILE_SWEEP_CASES (and HOSTILE_SWEEP_SEED for other cases).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class HostileSweepTests
{
    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("HOSTILE_SWEEP_CASES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 3000;
    private static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("HOSTILE_SWEEP_SEED"), out var s) ? s : 20261130;

    [Test]
    public async Task Given_generated_malformed_requests_to_every_route_Then_no_5xx_every_4xx_has_a_detail_and_orders_still_work()
    {
        await using var app = await EcommerceApp.StartAsync();
        var routes = ApiRoutes(app);
        Assert.That(routes.Select(r => r.Module).Distinct(), Is.EquivalentTo(new[] { "Orders", "Payments", "Notifications" }));
        Assert.That(routes, Has.Count.GreaterThanOrEqualTo(20), "every route of the three APIs, read from the running host");

        var clients = new Dictionary<string, HttpClient> { ["Orders"] = app.Orders, ["Payments"] = app.Payments, ["Notifications"] = app.Notifications };
        var generator = HostileRequests.For(routes);
        var pcg = new PCG(1, Seed);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        for (var i = 0; i < Cases && failures.Count < 10; i++)
        {
            var request = generator.Generate(pcg, null, out _);
            var (status, problem) = await SendAsync(clients[request.Route.Module], request);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (problem is not null) failures.Add($"case {i}: {status} {problem} ← {request}");
        }
        TestContext.Out.WriteLine($"{Cases} cases (seed {Seed}) over {routes.Count} routes: " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        Assert.That(failures, Is.Empty);

        foreach (var client in new[] { app.Orders, app.Payments, app.Notifications, app.Dashboard })
            Assert.That((await client.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var (created, order) = await app.Orders.PostJson("/api/v1/orders/", Requests.Order());
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)order["status"], Is.EqualTo("paid"));
    }

    /// <summary>Every API route of the running host, from its endpoint data source: a new route is swept without being listed.</summary>
    private static List<ApiRoute> ApiRoutes(EcommerceApp app) =>
        app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ModuleEndpoint>() is { Module: not "Dashboard" })
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
                new ApiRoute(e.Metadata.GetMetadata<ModuleEndpoint>()!.Module, method, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct()
            .ToList();

    private static async Task<(int Status, string? Problem)> SendAsync(HttpClient client, HostileRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.PathAndQuery, UriKind.Relative));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        using var response = await client.SendAsync(message);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500) return (status, text);
        if (status < 400) return (status, null);
        return (status, HasDetail(response.Content.Headers.ContentType, text) ? null : $"4xx without a {{\"detail\"}} body: {text}");
    }

    private static bool HasDetail(MediaTypeHeaderValue? contentType, string text)
    {
        if (contentType?.MediaType != "application/json") return false;
        try
        {
            // A 422 echoes the input, which may nest 64 deep inside the error: read it as deep as the server writes it.
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("detail", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

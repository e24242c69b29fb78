using System.Net;
using System.Text;
using Ecommerce.IntegrationTests.Orders;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ecommerce.IntegrationTests.Security;

/// <summary>API keys, module credentials and JWTs on a host with authentication on (and the testing routes, which need admin).</summary>
public sealed class ApiAuthenticationTests() : HostFixture(settings: new Dictionary<string, string?>(ApiAuth.Settings(jwt: true))
{
    ["Testing:Enabled"] = "true",
    // The route table sends emails beside the orders' confirmations: the 10/s limit is not what it tests.
    ["Notifications:RateLimitPerSecond"] = "100000",
    // A gateway that refuses every text message for good, so the route table has a failed delivery to send again.
    ["Notifications:Sms:Url"] = $"http://127.0.0.1:{RefusingGateway.Port}/messages",
})
{
    private static readonly string[] ApiModules = ["Orders", "Payments", "Notifications"];

    private static readonly StubServer RefusingGateway = new(context =>
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return Task.CompletedTask;
    });

    [OneTimeTearDown]
    public Task StopGateway() => RefusingGateway.DisposeAsync().AsTask();

    private int PortOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<ModuleEndpoint>()?.Module switch
        {
            "Payments" => App.PaymentsPort,
            "Notifications" => App.NotificationsPort,
            _ => App.OrdersPort,
        };

    /// <summary>Every API route and testing route, with the method it answers.</summary>
    private List<(RouteEndpoint Endpoint, string Method, string Path)> Routes() =>
        App.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ApiModules.Contains(e.Metadata.GetMetadata<ModuleEndpoint>()?.Module) || e.RoutePattern.RawText!.StartsWith("/testing", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (e, m, Path(e))))
            .ToList();

    private static string Path(RouteEndpoint endpoint) =>
        string.Concat(endpoint.RoutePattern.PathSegments.Select(segment => "/" + string.Concat(segment.Parts.Select(part =>
            part is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal ? literal.Content : "1"))))
        + (endpoint.RoutePattern.RawText!.EndsWith('/') ? "/" : "");

    /// <summary>Sends header values byte for byte as Latin-1 (HttpClient refuses non-ASCII otherwise), as a broken client could.</summary>
    private readonly HttpClient _raw = new(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1 });

    [OneTimeTearDown]
    public void DisposeRawClient() => _raw.Dispose();

    private async Task<HttpResponseMessage> Send(int port, string method, string path, string? key, Action<HttpRequestMessage>? headers = null, object? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"http://127.0.0.1:{port}{path}");
        if (method is "POST" or "PUT") request.Content = Http.Json(body ?? "{}");
        if (key is not null) request.Headers.Add(ApiAuthentication.KeyHeader, key);
        headers?.Invoke(request);
        return await _raw.SendAsync(request);
    }

    private int _unique = 900_000;

    /// <summary>
    /// A request the route answers 2xx to, with what it needs (an order, its payment, a notification) created just before
    /// by the admin key, so the routes can run in any order — a testing reset among them included. A route not listed here
    /// is sent as it is (a list or a read without parameters); a new route that needs more fails the table until it is added.
    /// </summary>
    private async Task<(string Path, object? Body)> ValidRequestAsync(string method, string pattern, string path)
    {
        HttpClient Admin(int port) => App.Client(port).With(ApiAuth.AdminKey);
        async Task<int> Order() => (int)(await Admin(App.OrdersPort).PostJson("/api/v1/orders/", Requests.Order())).Body["id"]!;
        async Task<int> Payment() => (int)(await Admin(App.PaymentsPort).GetJson($"/api/v1/payments/order/{await Order()}")).Body["id"]!;
        async Task<int> Notification() => (int)(await Admin(App.NotificationsPort).GetJson($"/api/v1/notifications/order/{await Order()}")).Body[0]!["id"]!;
        var unique = Interlocked.Increment(ref _unique);
        var webhook = new { payment_status = "completed", transaction_id = $"txn-{unique}" };
        var sms = new { order_id = unique, to_phone = "+819012345678", template_name = "ORDER_SHIPPED", template_data = new { customer_name = "田中太郎" } };
        async Task<int> FailedDelivery()
        {
            var id = (int)(await Admin(App.NotificationsPort).PostJson("/api/v1/notifications/sms", sms)).Body["id"]!;
            Assert.That(await Eventually.TrueAsync(async () =>
                (string?)(await Admin(App.NotificationsPort).GetJson($"/api/v1/notifications/{id}/delivery")).Body["state"] == "failed",
                TimeSpan.FromSeconds(30)), Is.True, "the gateway refused the text message");
            return id;
        }
        return $"{method} {pattern}" switch
        {
            "POST /api/v1/orders/" => (path, Requests.Order()),
            "POST /api/v1/orders/bulk" => (path, new { orders = new[] { Requests.Order() } }),
            "POST /api/v1/orders/webhook/batch" => (path, new { webhooks = new[] { new { order_id = await Order(), webhook.payment_status, webhook.transaction_id } } }),
            "GET /api/v1/orders/{order_id}" or "DELETE /api/v1/orders/{order_id}" => ($"/api/v1/orders/{await Order()}", null),
            "PUT /api/v1/orders/{order_id}/status" => ($"/api/v1/orders/{await Order()}/status", new { status = "shipped" }),
            "POST /api/v1/orders/{order_id}/webhook" => ($"/api/v1/orders/{await Order()}/webhook", webhook),
            "POST /api/v1/payments/" => (path, Requests.Payment(unique)),
            "POST /api/v1/payments/batch" => (path, new { payments = new[] { Requests.Payment(unique) } }),
            "POST /api/v1/payments/refund" => (path, new { payment_id = await Payment(), reason = "route table" }),
            "GET /api/v1/payments/order/{order_id}" => ($"/api/v1/payments/order/{await Order()}", null),
            "GET /api/v1/payments/{payment_id}" => ($"/api/v1/payments/{await Payment()}", null),
            "POST /api/v1/notifications/email" => (path, Requests.Email(unique)),
            "POST /api/v1/notifications/email/batch" => (path, new { notifications = new[] { Requests.Email(unique) } }),
            "POST /api/v1/notifications/sms" => (path, sms),
            "POST /api/v1/notifications/sms/batch" => (path, new { notifications = new[] { sms } }),
            "GET /api/v1/notifications/order/{order_id}" => ($"/api/v1/notifications/order/{await Order()}", null),
            "GET /api/v1/notifications/{notification_id}" => ($"/api/v1/notifications/{await Notification()}", null),
            "GET /api/v1/notifications/{notification_id}/delivery" => ($"/api/v1/notifications/{await Notification()}/delivery", null),
            "POST /api/v1/notifications/{notification_id}/delivery/retry" => ($"/api/v1/notifications/{await FailedDelivery()}/delivery/retry", null),
            "POST /testing/faults" => (path, new { mode = "delay", delay_ms = 1, count = 1, path = "/api/v1/never" }),
            _ => (path, null),
        };
    }

    [Test]
    public void Given_every_api_and_testing_route_Then_each_declares_the_scope_it_needs()
    {
        var routes = Routes();
        Assert.That(routes, Has.Count.GreaterThanOrEqualTo(30), "the 27 API routes and the testing routes");
        var undeclared = routes.Where(r => r.Endpoint.Metadata.GetMetadata<RequiredScope>() is null).Select(r => $"{r.Method} {r.Path}");
        Assert.That(undeclared, Is.Empty);
    }

    [Test]
    public async Task Given_each_route_Then_no_key_or_a_wrong_key_is_401_another_scope_403_and_its_own_scope_is_2xx()
    {
        var wrong = new List<string>();
        foreach (var (endpoint, method, path) in Routes())
        {
            var port = PortOf(endpoint);
            var scope = endpoint.Metadata.GetMetadata<RequiredScope>()!.Scope;
            var other = ApiScopes.All.First(s => s != scope && s != ApiScopes.Admin);
            foreach (var (key, expected) in new (string?, int)[] { (null, 401), ("ecapi_" + new string('x', 43), 401), (ApiAuth.KeyFor[other], 403) })
            {
                using var refused = await Send(port, method, path, key);
                var body = await refused.Content.ReadAsStringAsync();
                var detail = expected == 401 ? "Not authenticated" : "Not enough permissions";
                if ((int)refused.StatusCode != expected || body != $$"""{"detail":"{{detail}}"}"""
                    || expected == 401 && refused.Headers.WwwAuthenticate.ToString() != "Bearer")
                    wrong.Add($"{method} {path} with {key ?? "no key"}: {(int)refused.StatusCode} {body}");
            }
            var (validPath, validBody) = await ValidRequestAsync(method, endpoint.RoutePattern.RawText!, path);
            using var allowed = await Send(port, method, validPath, ApiAuth.KeyFor[scope], body: validBody);
            if ((int)allowed.StatusCode is < 200 or > 299)
                wrong.Add($"{method} {validPath} with a {scope} key: {(int)allowed.StatusCode} {await allowed.Content.ReadAsStringAsync()}");
        }
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public async Task Given_a_key_that_may_only_create_orders_Then_the_chain_still_pays_and_confirms_with_the_modules_own_credentials()
    {
        var orders = App.Client(App.OrdersPort).With(ApiAuth.KeyFor[ApiScopes.OrdersWrite]);
        var (created, order) = await orders.PostJson("/api/v1/orders/", Requests.Order());
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), order.ToJsonString());
        Assert.That((string?)order["status"], Is.EqualTo("paid"));
        var id = (int)order["id"]!;
        var (cancelled, _) = await orders.DeleteJson($"/api/v1/orders/{id}");
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var reader = App.Client(App.PaymentsPort).With(ApiAuth.ReaderKey);
        Assert.That((string?)(await reader.GetJson($"/api/v1/payments/order/{id}")).Body["status"], Is.EqualTo("refunded"));
        var emails = (await App.Client(App.NotificationsPort).With(ApiAuth.ReaderKey).GetJson($"/api/v1/notifications/order/{id}")).Body.AsArray();
        Assert.That(emails.Select(e => (string?)e!["template_name"]), Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_CANCELLED" }));
        Assert.That((await orders.GetAsync($"/api/v1/orders/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "writing is not reading");
    }

    [Test]
    public async Task Given_tokens_from_the_identity_provider_Then_a_valid_one_is_let_in_by_its_scopes_and_a_bad_one_is_401()
    {
        async Task<HttpStatusCode> Get(string token, string path = "/api/v1/orders/")
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new("Bearer", token);
            using var response = await App.Client(App.OrdersPort).SendAsync(request);
            return response.StatusCode;
        }
        Assert.That(await Get(ApiAuth.Token("orders:read payments:read")), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Get(ApiAuth.Token("payments:read")), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await Get(ApiAuth.Token("orders:read", audience: "another-api")), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await Get(ApiAuth.Token("orders:read", expiresIn: TimeSpan.FromMinutes(-6))), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await Get(ApiAuth.Token("orders:read", key: new byte[32])), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await Get(ApiAuth.AdminKey), Is.EqualTo(HttpStatusCode.OK), "an API key is also accepted as a bearer token");
    }

    [Test]
    public async Task Given_auth_on_Then_each_document_declares_its_schemes_and_each_operation_its_scope_401_and_403()
    {
        var wrong = new List<string>();
        foreach (var port in new[] { App.OrdersPort, App.PaymentsPort, App.NotificationsPort })
        {
            var document = (await App.Client(port).GetJson("/openapi.json")).Body;
            var schemes = document["components"]!["securitySchemes"]!;
            Assert.That((string?)schemes["APIKeyHeader"]!["name"], Is.EqualTo("X-API-Key"));
            Assert.That((string?)schemes["HTTPBearer"]!["scheme"], Is.EqualTo("bearer"));
            foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                var security = operation!["security"]?.ToJsonString();
                var responses = operation["responses"]!.AsObject();
                if (security is null || !security.Contains("APIKeyHeader", StringComparison.Ordinal) || !responses.ContainsKey("401") || !responses.ContainsKey("403"))
                    wrong.Add($"{method} {path}: {security}");
            }
        }
        Assert.That(wrong, Is.Empty);
    }

    [TestCase("/health")]
    [TestCase("/health/ready")]
    [TestCase("/openapi.json")]
    [TestCase("/docs/index.html")]
    public async Task Given_no_key_Then_health_and_the_documents_stay_open(string path)
    {
        // Readiness is 503 until the databases are migrated (a busy machine may still be at it): waited for; a 401 never turns 200.
        var client = App.Client(App.OrdersPort);
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            using var response = await client.GetAsync(path);
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30)), Is.True);
    }

    [Test]
    public async Task Given_hostile_credentials_Then_each_is_401_and_none_a_5xx_or_let_in()
    {
        var cases = new Dictionary<string, Action<HttpRequestMessage>>
        {
            ["empty key"] = r => r.Headers.TryAddWithoutValidation(ApiAuthentication.KeyHeader, ""),
            ["huge key"] = r => r.Headers.TryAddWithoutValidation(ApiAuthentication.KeyHeader, new string('k', 30_000)),
            ["binary key"] = r => r.Headers.TryAddWithoutValidation(ApiAuthentication.KeyHeader, Encoding.Latin1.GetString(Enumerable.Range(1, 255).Select(b => (byte)b).Where(b => b is not (10 or 13)).ToArray())),
            ["many keys"] = r => r.Headers.TryAddWithoutValidation(ApiAuthentication.KeyHeader, Enumerable.Repeat(ApiAuth.AdminKey, 50)),
            ["a module's prefix and garbage"] = r => r.Headers.TryAddWithoutValidation(ApiAuthentication.KeyHeader, "ecsvc_Payments_" + new string('_', 500)),
            ["empty bearer"] = r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer "),
            ["garbage jwt"] = r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer a.b.c"),
            ["huge jwt"] = r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', 10_000) + "." + new string('b', 10_000) + ".c"),
            ["unsigned jwt"] = r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzY29wZSI6ImFkbWluIn0."),
            ["basic"] = r => r.Headers.TryAddWithoutValidation("Authorization", "Basic YWRtaW46YWRtaW4="),
            ["two authorizations"] = r => r.Headers.TryAddWithoutValidation("Authorization", new[] { "Bearer " + ApiAuth.AdminKey, "Bearer x" }),
        };
        var wrong = new List<string>();
        foreach (var (name, headers) in cases)
        foreach (var (method, path) in new[] { ("GET", "/api/v1/orders/"), ("POST", "/api/v1/orders/1/webhook") })
        {
            using var response = await Send(App.OrdersPort, method, path, null, headers);
            // Kestrel itself answers a header with control characters with an empty 400, before the app sees it.
            var expected = name == "binary key" ? new[] { HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest } : [HttpStatusCode.Unauthorized];
            if (!expected.Contains(response.StatusCode)) wrong.Add($"{name} {method} {path}: {(int)response.StatusCode}");
        }
        Assert.That(wrong, Is.Empty);
    }
}

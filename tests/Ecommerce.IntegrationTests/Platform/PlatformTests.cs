using System.Net;
using Ecommerce.IntegrationTests.Infrastructure;

namespace Ecommerce.IntegrationTests.Platform;

[TestFixture]
public sealed class PlatformTests : HostFixture
{

    [Test]
    public async Task Given_the_host_Then_health_answers_on_all_four_ports_with_the_module_name()
    {
        foreach (var (client, service) in new[] { (App.Orders, "orders"), (App.Payments, "payments"), (App.Notifications, "notifications"), (App.Dashboard, "dashboard") })
        {
            var (response, body) = await client.GetJson("/health");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)body["service"], Is.EqualTo(service));
        }
    }

    [TestCase("/api/v1/payments/1")]
    [TestCase("/api/v1/notifications/order/1")]
    [TestCase("/api/v1/payments/")]
    public async Task Given_another_modules_route_on_the_orders_port_Then_it_is_404_not_found(string path)
    {
        using var get = await App.Orders.GetAsync(path);
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await get.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Not Found"}"""));
        // A wrong method on a wrong port is still 404: the route does not exist here at all (D2).
        using var patch = await App.Orders.PatchAsync(path, null);
        Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Given_the_orders_route_with_the_payments_Host_header_Then_routing_follows_the_port_not_the_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/payments/1");
        request.Headers.Host = $"127.0.0.1:{App.PaymentsPort}";
        using var response = await App.Orders.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("/api/v1/orders")]
    [TestCase("/api/v1/orders/")]
    public async Task Given_a_list_route_with_or_without_slash_Then_it_answers_directly(string path)
    {
        using var response = await App.Orders.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("application/json"), "as FastAPI: no charset parameter");
    }

    [Test]
    public async Task Given_a_success_answer_Then_it_has_a_content_length_and_is_not_chunked_as_fastapi_answers()
    {
        // FastAPI's JSONResponse renders its body first: a client may read Content-Length (and a proxy may rely on it).
        using var created = await App.Orders.PostAsync("/api/v1/orders/", Http.Json(Requests.Order()));
        using var list = await App.Orders.GetAsync("/api/v1/orders/");
        foreach (var response in new[] { created, list })
        {
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.That(response.IsSuccessStatusCode, Is.True);
            Assert.That(response.Headers.TransferEncodingChunked, Is.Not.True);
            Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(body.Length));
        }
    }

    [Test]
    public async Task Given_an_answer_larger_than_one_send_Then_it_still_has_its_content_length_and_every_byte()
    {
        // Rendered into pooled pieces and sent in several flushes: the length is still known before the first.
        var orders = Enumerable.Range(0, 300).Select(_ => Requests.Order()).ToList();
        using var response = await App.Orders.PostAsync("/api/v1/orders/bulk", Http.Json(new { orders }));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.Length, Is.GreaterThan(64 * 1024));
        Assert.That(response.Headers.TransferEncodingChunked, Is.Not.True);
        Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(body.Length));
        Assert.That(System.Text.Json.Nodes.JsonNode.Parse(body)!["created"]!.GetValue<int>(), Is.EqualTo(300));
    }

    [Test]
    public async Task Given_a_request_body_sent_in_chunks_without_a_length_Then_it_is_read_whole()
    {
        using var content = Http.Json(Requests.Order());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders/") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await App.Orders.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That((await response.ReadJson())["customer_email"]!.GetValue<string>(), Is.EqualTo("tanaka@example.co.jp"));
    }

    [TestCase("/api/v1/payments")]
    [TestCase("/api/v1/payments/")]
    public async Task Given_a_create_route_with_or_without_slash_Then_it_answers_directly(string path)
    {
        var (response, _) = await App.Payments.PostJson(path, Requests.Payment(orderId: Random.Shared.Next(100_000, 1_000_000)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Given_an_unknown_route_Then_404_with_detail()
    {
        using var response = await App.Orders.GetAsync("/api/v1/nope");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Not Found"}"""));
    }

    [Test]
    public async Task Given_a_wrong_method_Then_405_with_detail_and_allow()
    {
        using var response = await App.Orders.PatchAsync("/api/v1/orders", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Method Not Allowed"}"""));
        Assert.That(response.Content.Headers.Allow, Is.SupersetOf(new[] { "GET", "POST" }));
    }

    [Test]
    public async Task Given_malformed_json_Then_422_in_fastapis_shape()
    {
        using var response = await App.Orders.PostAsync("/api/v1/orders", Http.Json("""{"a":"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"detail":[{"type":"json_invalid","loc":["body",5],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting value"}}]}"""));
    }

    [Test]
    public async Task Given_no_body_Then_422_missing_body()
    {
        using var response = await App.Orders.PostAsync("/api/v1/orders", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}"""));
    }

    [Test]
    public async Task Given_a_body_over_one_mebibyte_Then_413_with_detail()
    {
        var body = "{\"customer_name\":\"" + new string('a', 1024 * 1024 + 10) + "\"}";
        using var response = await App.Orders.PostAsync("/api/v1/orders", Http.Json(body));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Request body too large"}"""));
    }

    [Test]
    public async Task Given_a_cors_preflight_from_the_dashboard_Then_it_is_allowed_and_other_origins_are_not()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/orders");
        preflight.Headers.Add("Origin", "http://localhost:5173");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var allowed = await App.Orders.SendAsync(preflight);
        Assert.That(allowed.IsSuccessStatusCode, Is.True);
        Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "http://localhost:5173" }));

        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/orders");
        other.Headers.Add("Origin", "http://evil.example");
        using var refused = await App.Orders.SendAsync(other);
        Assert.That(refused.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public void Given_the_sqlite_provider_Then_each_module_has_its_own_file_in_the_configured_directory()
    {
        foreach (var file in new[] { "orders.db", "payments.db", "notifications.db" })
            Assert.That(File.Exists(Path.Combine(App.DataDirectory, file)), Is.True, file);
    }

    [Test]
    public async Task Given_each_port_Then_its_openapi_document_shows_only_its_module()
    {
        var orders = await (await App.Orders.GetAsync("/openapi.json")).Content.ReadAsStringAsync();
        var payments = await (await App.Payments.GetAsync("/openapi.json")).Content.ReadAsStringAsync();
        Assert.That(orders, Does.Contain("/api/v1/orders"));
        Assert.That(orders, Does.Not.Contain("/api/v1/payments"));
        Assert.That(payments, Does.Contain("/api/v1/payments"));
        Assert.That(payments, Does.Not.Contain("/api/v1/orders"));
        using var docs = await App.Orders.GetAsync("/docs/index.html");
        Assert.That(docs.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Given_the_dashboard_port_Then_it_serves_a_page_and_no_api()
    {
        using var page = await App.Dashboard.GetAsync("/");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var api = await App.Dashboard.GetAsync("/api/v1/orders");
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ecommerce.IntegrationTests.Hardening;

/// <summary>Inputs that once took the whole host down or answered 500, and the limits that bound what one client may cost.</summary>
[TestFixture]
public sealed class HostileInputTests : HostFixture
{
    private static readonly (string Module, string Method, string Path)[] JsonEndpoints =
    [
        ("Orders", "POST", "/api/v1/orders/"), ("Orders", "POST", "/api/v1/orders/bulk"), ("Orders", "PUT", "/api/v1/orders/1/status"),
        ("Orders", "POST", "/api/v1/orders/1/webhook"), ("Orders", "POST", "/api/v1/orders/webhook/batch"),
        ("Payments", "POST", "/api/v1/payments/"), ("Payments", "POST", "/api/v1/payments/batch"), ("Payments", "POST", "/api/v1/payments/refund"),
        ("Notifications", "POST", "/api/v1/notifications/email"), ("Notifications", "POST", "/api/v1/notifications/sms"),
        ("Notifications", "POST", "/api/v1/notifications/email/batch"), ("Notifications", "POST", "/api/v1/notifications/sms/batch"),
    ];

    private HttpClient ClientOf(string module) => module switch
    {
        "Orders" => App.Orders, "Payments" => App.Payments, _ => App.Notifications,
    };

    [Test]
    public async Task Given_bodies_nested_100000_deep_on_every_json_endpoint_Then_422_at_the_crossing_bracket_and_every_port_still_answers()
    {
        var arrays = new string('[', 100_000) + new string(']', 100_000);
        var objects = string.Concat(Enumerable.Repeat("{\"a\":", 50_000)) + "1" + new string('}', 50_000);
        foreach (var (module, method, path) in JsonEndpoints)
        foreach (var (body, crossing) in new[] { (arrays, 64), (objects, 64 * 5) })
        {
            using var response = await ClientOf(module).SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Http.Json(body) });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), $"{method} {path}");
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
                $$$"""{"detail":[{"type":"json_invalid","loc":["body",{{{crossing}}}],"msg":"JSON decode error","input":{},"ctx":{"error":"Exceeds the maximum nesting depth of 64"}}]}"""));
        }
        foreach (var client in new[] { App.Orders, App.Payments, App.Notifications, App.Dashboard })
            Assert.That((await client.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Given_a_body_nested_exactly_64_deep_Then_it_is_read_and_validated_as_usual()
    {
        var nested = new string('[', 63) + new string(']', 63);
        using var response = await App.Orders.PostAsync("/api/v1/orders/", Http.Json($$"""{"customer_email":"a@b.co","customer_name":{{nested}},"items":[{"product_name":"p","quantity":1,"unit_price":1}]}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            $$"""{"detail":[{"type":"string_type","loc":["body","customer_name"],"msg":"Input should be a valid string","input":{{nested}}}]}"""));
    }

    [TestCase("""{"customer_email":"a@b.co","customer_name":"\ud800","items":[]}""", 44)]
    [TestCase("""{"customer_email":"a@b.co","customer_name":"x","items":[{"product_name":"\udc00\ud800","quantity":1,"unit_price":1}]}""", 73)]
    [TestCase("""{"\ud83dx":1}""", 2)]
    public async Task Given_an_unpaired_surrogate_escape_Then_422_json_invalid_at_it_not_500(string json, int position)
    {
        using var response = await App.Orders.PostAsync("/api/v1/orders/", Http.Json(json));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            $$$"""{"detail":[{"type":"json_invalid","loc":["body",{{{position}}}],"msg":"JSON decode error","input":{},"ctx":{"error":"Invalid \\uXXXX escape: unpaired surrogate"}}]}"""));
    }

    [Test]
    public async Task Given_a_paired_surrogate_escape_Then_the_character_is_stored()
    {
        var (response, order) = await App.Orders.PostJson("/api/v1/orders/", Http.Json(
            """{"customer_email":"a@b.co","customer_name":"\ud83d\ude00 田中","items":[{"product_name":"p","quantity":1,"unit_price":1}]}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)order["customer_name"], Is.EqualTo("😀 田中"));
    }

    [Test]
    public async Task Given_nul_and_astral_characters_Then_they_are_stored_and_read_back_unchanged()
    {
        var (response, order) = await App.Orders.PostJson("/api/v1/orders/", Http.Json(
            """{"customer_email":"a@b.co","customer_name":"a\u0000b 𠮷","items":[{"product_name":"\u0000","quantity":1,"unit_price":1}]}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var (_, read) = await App.Orders.GetJson($"/api/v1/orders/{(int)order["id"]!}");
        Assert.That((string?)read["customer_name"], Is.EqualTo("a\0b 𠮷"));
        Assert.That((string?)read["items"]![0]!["product_name"], Is.EqualTo("\0"));
    }

    [Test]
    public async Task Given_a_duplicate_key_Then_the_last_value_counts_as_in_python()
    {
        var (response, order) = await App.Orders.PostJson("/api/v1/orders/", Http.Json(
            """{"customer_email":"a@b.co","customer_name":"first","customer_name":"last","items":[{"product_name":"p","quantity":1,"unit_price":1}]}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)order["customer_name"], Is.EqualTo("last"));
    }

    [Test]
    public async Task Given_a_string_of_a_million_characters_Then_422_string_too_long_not_a_crash()
    {
        var name = new string('x', 1_000_000);
        using var response = await App.Orders.PostAsync("/api/v1/orders/", Http.Json(
            $$"""{"customer_email":"a@b.co","customer_name":"{{name}}","items":[{"product_name":"p","quantity":1,"unit_price":1}]}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"type\":\"string_too_long\""));
    }

    [TestCase("/api/v1/orders/", "text/plain")]
    [TestCase("/api/v1/orders/bulk", "application/x-www-form-urlencoded")]
    [TestCase("/api/v1/orders/1/webhook", "multipart/form-data; boundary=x")]
    public async Task Given_a_body_that_is_not_json_Then_fastapis_422_with_the_raw_body_not_415(string path, string contentType)
    {
        var content = new StringContent("a=1");
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await App.Orders.PostAsync(path, content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":"a=1"}]}"""));
    }

    [Test]
    public async Task Given_more_headers_than_the_limit_Then_431_and_the_next_request_is_served()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        for (var i = 0; i < 120; i++) request.Headers.Add($"X-Junk-{i}", "x");
        using var response = await App.Orders.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestHeaderFieldsTooLarge));
        Assert.That((await App.Orders.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Given_a_request_line_over_the_limit_Then_414()
    {
        using var response = await App.Orders.GetAsync("/api/v1/orders/?customer_email=" + new string('a', 9000));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestUriTooLong));
    }
}

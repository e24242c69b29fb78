using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ecommerce.IntegrationTests.Platform;

/// <summary>
/// Each port's /openapi.json is what client teams generate their SDKs from: it must equal the reviewed snapshot in
/// docs/openapi/ (an API change is a diff in review, never an accident) and hold what a generator needs.
/// To accept a change on purpose: <c>UPDATE_OPENAPI_SNAPSHOTS=1 dotnet test --filter OpenApiDocumentTests</c>.
/// </summary>
[TestFixture]
public sealed class OpenApiDocumentTests : HostFixture
{
    private static readonly string[] Modules = ["orders", "payments", "notifications"];

    [TestCaseSource(nameof(Modules))]
    public async Task Given_a_port_Then_its_document_equals_the_committed_snapshot(string module)
    {
        var served = Indented(await ServedAsync(module));
        var file = Path.Combine(Repository.Root(), "docs", "openapi", $"{module}.json");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(file, served);
            Assert.Pass($"{file} rewritten");
        }
        Assert.That(File.Exists(file), Is.True, $"{file} is missing: run with UPDATE_OPENAPI_SNAPSHOTS=1 once and commit it");
        var committed = await File.ReadAllTextAsync(file);
        if (committed == served) return;
        var (left, right) = (committed.Split('\n'), served.Split('\n'));
        var line = Enumerable.Range(0, Math.Min(left.Length, right.Length)).FirstOrDefault(i => left[i] != right[i], Math.Min(left.Length, right.Length));
        Assert.Fail($"The served {module} document differs from {file} at line {line + 1}:\n" +
                    $"  committed: {left.ElementAtOrDefault(line)}\n  served:    {right.ElementAtOrDefault(line)}\n" +
                    "If the API change is intended, rewrite the snapshot with UPDATE_OPENAPI_SNAPSHOTS=1 and commit it.");
    }

    [TestCaseSource(nameof(Modules))]
    public async Task Given_a_port_Then_every_operation_declares_its_inputs_and_errors(string module)
    {
        var document = await ServedAsync(module);
        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var (method, operation) in item!.AsObject())
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            var parameters = operation!["parameters"]?.AsArray() ?? [];
            var responses = operation["responses"]!.AsObject();
            Assert.That(operation["operationId"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, name);
            Assert.That(operation["summary"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"{name}: summary from the handler's XML doc");
            foreach (var id in path.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}')))
            {
                var declared = parameters.SingleOrDefault(p => p!["name"]!.GetValue<string>() == id);
                Assert.That(declared?["in"]?.GetValue<string>(), Is.EqualTo("path"), $"{name}: {id}");
                Assert.That(declared!["required"]!.GetValue<bool>(), Is.True, $"{name}: {id}");
                Assert.That(declared["schema"]!["type"]!.GetValue<string>(), Is.EqualTo("integer"), $"{name}: {id}");
                Assert.That(responses.ContainsKey("422"), $"{name}: a bad {id} is a 422");
            }
            if (operation["requestBody"] is { } body)
            {
                var json = body["content"]!["application/json"]!;
                Assert.That(json["schema"]!["$ref"], Is.Not.Null, $"{name}: body schema");
                Assert.That(json["example"], Is.Not.Null, $"{name}: body example");
                Assert.That(responses.ContainsKey("422") && responses.ContainsKey("413"), $"{name}: 422 and 413 for a body");
            }
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                var expected = status == "422" ? "HTTPValidationError" : "ErrorDetail";
                Assert.That(response!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>(), Does.EndWith("/" + expected), $"{name} {status}");
            }
            if (responses.ContainsKey("429"))
                Assert.That(responses["429"]!["headers"]?["Retry-After"], Is.Not.Null, $"{name}: Retry-After on 429");
        }
    }

    [TestCaseSource(nameof(Modules))]
    public async Task Given_a_port_Then_every_schema_property_has_a_type(string module)
    {
        var document = await ServedAsync(module);
        foreach (var (schemaName, schema) in document["components"]!["schemas"]!.AsObject())
        foreach (var (property, definition) in schema!["properties"]?.AsObject() ?? [])
        {
            var typed = definition!["type"] is not null || definition["$ref"] is not null || definition["anyOf"] is not null
                        || definition["oneOf"] is not null || property is "input";
            Assert.That(typed, $"{schemaName}.{property} has no type: {definition.ToJsonString()}");
            if (definition["format"]?.GetValue<string>() == "date-time")
                Assert.That(definition["type"]!.ToJsonString(), Does.Contain("string"), $"{schemaName}.{property}");
        }
    }

    [Test]
    public async Task Given_the_collections_Then_they_are_documented_with_the_originals_trailing_slash_and_paging_bounds()
    {
        var orders = await ServedAsync("orders");
        Assert.That(orders["paths"]!.AsObject().ContainsKey("/api/v1/orders/"), "POST and GET /api/v1/orders/");
        Assert.That(orders["paths"]!.AsObject().ContainsKey("/api/v1/orders"), Is.False);
        var list = orders["paths"]!["/api/v1/orders/"]!["get"]!["parameters"]!.AsArray();
        JsonNode Parameter(string name) => list.Single(p => p!["name"]!.GetValue<string>() == name)!["schema"]!;
        Assert.That(Parameter("skip")["minimum"]!.ToJsonString(), Is.EqualTo("0"));
        Assert.That(Parameter("limit")["minimum"]!.ToJsonString(), Is.EqualTo("1"));
        Assert.That(Parameter("limit")["maximum"]!.ToJsonString(), Is.EqualTo("100"));
        Assert.That(Parameter("limit")["default"]!.ToJsonString(), Is.EqualTo("20"));
        Assert.That(Parameter("status")["enum"]!.AsArray().Select(v => v!.GetValue<string>()),
            Is.EqualTo(new[] { "pending", "paid", "shipped", "delivered", "cancelled" }));
    }

    [Test]
    public async Task Given_redoc_Then_each_port_serves_it_for_its_own_document()
    {
        foreach (var client in new[] { App.Orders, App.Payments, App.Notifications })
        {
            using var page = await client.GetAsync("/redoc/index.html");
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var script = await client.GetAsync("/redoc/index.js");
            Assert.That(await script.Content.ReadAsStringAsync(), Does.Contain("/openapi.json"));
        }
    }

    private async Task<JsonNode> ServedAsync(string module)
    {
        var client = module switch { "orders" => App.Orders, "payments" => App.Payments, _ => App.Notifications };
        using var response = await client.GetAsync("/openapi.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static string Indented(JsonNode document) =>
        document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
}

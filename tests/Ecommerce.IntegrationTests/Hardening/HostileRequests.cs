using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Ecommerce.IntegrationTests.Hardening;

/// <summary>One API route as the running host maps it.</summary>
public sealed record ApiRoute(string Module, string Method, string Pattern);

/// <summary>A generated request: what a hostile or broken client could send to one route.</summary>
public sealed record HostileRequest(ApiRoute Route, string Method, string PathAndQuery, string? ContentType, byte[]? Body)
{
    public override string ToString() =>
        $"{Method} {PathAndQuery} [{ContentType}] {(Body is null ? "" : Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 300)]))}";
}

/// <summary>
/// CsCheck generators of malformed requests: route ids, query strings, content types and bodies (valid bodies with one
/// value replaced by something hostile, truncated JSON, deep nesting, wrong top-level types, random bytes).
/// </summary>
public static partial class HostileRequests
{
    /// <summary>A valid body per route, to mutate: most mutations then reach the field validators, not just the parser.</summary>
    private static readonly Dictionary<string, string> ValidBodies = new()
    {
        ["/api/v1/orders/"] = """{"customer_email":"tanaka@example.co.jp","customer_name":"田中太郎","items":[{"product_name":"ノートPC","quantity":2,"unit_price":89800.0},{"product_name":"マウス","quantity":1,"unit_price":3500.0}],"currency":"JPY"}""",
        ["/api/v1/orders/bulk"] = """{"orders":[{"customer_email":"a@b.co","customer_name":"x","items":[{"product_name":"p","quantity":1,"unit_price":1.5}],"external_id":"E-1"}]}""",
        ["/api/v1/orders/{order_id}/status"] = """{"status":"shipped"}""",
        ["/api/v1/orders/{order_id}/webhook"] = """{"payment_status":"completed","transaction_id":"tx_1"}""",
        ["/api/v1/orders/webhook/batch"] = """{"webhooks":[{"order_id":1,"payment_status":"failed","transaction_id":"tx_2"}]}""",
        ["/api/v1/payments/"] = """{"order_id":1,"amount":183100.0,"currency":"JPY","payment_method":"credit_card"}""",
        ["/api/v1/payments/batch"] = """{"payments":[{"order_id":2,"amount":10,"currency":"JPY"}]}""",
        ["/api/v1/payments/refund"] = """{"payment_id":1,"reason":"返品"}""",
        ["/api/v1/notifications/email"] = """{"order_id":1,"to_email":"a@b.co","template_name":"ORDER_CONFIRMATION","template_data":{"customer_name":"田中","total_amount":183100,"currency":"JPY","item_count":2}}""",
        ["/api/v1/notifications/sms"] = """{"order_id":1,"to_phone":"090-1234-5678","template_name":"ORDER_SHIPPED","template_data":{"tracking_number":"T-1"}}""",
        ["/api/v1/notifications/email/batch"] = """{"notifications":[{"order_id":1,"to_email":"a@b.co","template_name":"PAYMENT_FAILED","template_data":{"amount":1.5,"currency":"USD"}}]}""",
        ["/api/v1/notifications/sms/batch"] = """{"notifications":[{"order_id":1,"to_phone":"1","template_name":"ORDER_CANCELLED","template_data":{}}]}""",
    };

    private static readonly Gen<string> HostileText = Gen.OneOf(
        Gen.OneOf("", " ", "0", "-1", "1.0", "1.5", " 7 ", "+3", "1_0", "1__0", "0x10", "1e3", "1e400", "-1e400", "NaN",
            "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999999999", "abc", "名前", "😀",
            "null", "true", "shipped", "ORDER_CONFIRMATION", "email", "sms", "%", "%FF", "%C3%28", "%F0%9F%98%80", "a%2Fb",
            "..", "../..", "<script>", "' OR 1=1 --", "\"", "\\", "a@b.co", "@", "a@", "JPY", "jpy"),
        Gen.String[0, 40],
        Gen.Char['0', '9'].Array[1, 400].Select(digits => new string(digits)),
        // Long, but a whole request line stays under Kestrel's limit (8 KiB), which Kestrel enforces with an empty 414.
        Gen.Int[1, 1000].Select(n => new string('a', n)));

    private static readonly Gen<string> HostileJsonValue = Gen.OneOf(
        Gen.OneOf("0", "-0", "1", "-1", "1.5", "1e400", "-1e400", "1e-400", "123456789012345678901234567890",
            "0.0000000000000000000000000001", "79228162514264337593543950336", "2147483648", "NaN", "Infinity", "-Infinity",
            "true", "false", "null", "[]", "{}", "[1,2]", "{\"a\":1,\"a\":2}", "\"\"", "\" \"", "\"abc\"", "\"名前\"",
            "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"a\\\"b\"", "\"1_0\"", "\"1e3\"",
            "\"0x10\"", "\" 5 \"", "\"shipped\"", "\"completed\"", "\"refunded\"", "\"ORDER_CONFIRMATION\"", "\"x@y\"",
            "\"a@b.co\"", "\"JPY\"", "\"jpy\"", "\"\t\"", "[[[[[[[[[[]]]]]]]]]]"),
        Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1"),
        Gen.String[0, 30].Select(s => System.Text.Json.JsonSerializer.Serialize(s)),
        Gen.Int[1, 300_000].Select(n => $"\"{new string('x', n)}\""),
        Gen.Int[1, 80].Select(depth => new string('[', depth) + new string(']', depth)));

    private static readonly Gen<string?> ContentTypes = Gen.Frequency(
        (12, Gen.Const<string?>("application/json")),
        (1, Gen.OneOf<string?>(null, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
            "application/problem+json", "application/geo+json-seq", "%%%", "application/json;;;", "multipart/form-data; boundary=x")));

    public static Gen<HostileRequest> For(IReadOnlyList<ApiRoute> routes) =>
        from route in Gen.OneOf(routes.ToArray())
        from path in Path(route.Pattern)
        from query in Query
        from method in Gen.Frequency((20, Gen.Const(route.Method)), (1, Gen.OneOf("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")))
        from contentType in ContentTypes
        from body in Body(route.Pattern)
        select new HostileRequest(route, method, path + query, contentType, body);

    private static Gen<string> Path(string pattern)
    {
        if (!pattern.Contains('{')) return Gen.Frequency((8, Gen.Const(pattern)), (1, Gen.OneOf(pattern + "x", pattern + "/", pattern + "//", pattern.TrimEnd('/') + "/%2e%2e/")));
        var id = Gen.Frequency((3, Gen.Int[-3, 40].Select(i => i.ToString(CultureInfo.InvariantCulture))), (2, HostileText.Select(Uri.EscapeDataString)), (1, HostileText));
        return id.Select(value => Segments().Replace(pattern, value));
    }

    private static readonly Gen<string> Query = Gen.Frequency(
        (2, Gen.Const("")),
        (3, Gen.Select(Gen.OneOf("skip", "limit", "status", "channel", "template_name", "customer_email", "order_id", "x", "", "名前"),
                Gen.Frequency((2, HostileText.Select(Uri.EscapeDataString)), (1, HostileText.Select(t => t.Replace("#", "").Replace(" ", "+")))))
            .Array[1, 5]
            .Select(pairs => "?" + string.Join("&", pairs.Select(p => $"{p.Item1}={p.Item2}")))));

    private static Gen<byte[]?> Body(string pattern)
    {
        var valid = ValidBodies.GetValueOrDefault(pattern) ?? """{"a":1}""";
        return Gen.Frequency(
            (8, Mutated(valid).Select(Utf8)),
            (1, Gen.Const((byte[]?)null)),
            (1, Gen.Int[0, valid.Length].Select(n => Utf8(valid[..n]))),
            (1, Gen.Byte.Array[0, 200].Select(bytes => (byte[]?)bytes)),
            (1, Gen.OneOf("[]", "[1,2]", "\"x\"", "5", "null", "true", " ", "{", "}", "\uFEFF{}", "{\"a\":1,}", "{'a':1}")
                .Select(Utf8)),
            (1, Gen.Select(Gen.Int[60, 70], Gen.Bool).Select((depth, arrays) => Utf8(arrays
                ? new string('[', depth) + new string(']', depth)
                : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)))));
    }

    /// <summary>The valid body with one value (any depth) replaced by a hostile JSON text, or one field removed.</summary>
    private static Gen<string> Mutated(string valid) =>
        from pick in Gen.Int[0, 1000]
        from replacement in HostileJsonValue
        from remove in Gen.Int[0, 9]
        select Mutate(valid, pick, replacement, remove == 0);

    private static string Mutate(string valid, int pick, string replacement, bool remove)
    {
        var root = JsonNode.Parse(valid)!;
        var slots = new List<(JsonNode Parent, object Key)>();
        Collect(root, slots);
        var (parent, key) = slots[pick % slots.Count];
        const string hole = "\"@@HOLE@@\"";
        if (parent is JsonObject obj)
        {
            if (remove) obj.Remove((string)key);
            else obj[(string)key] = "@@HOLE@@";
        }
        else ((JsonArray)parent)[(int)key] = "@@HOLE@@";
        return root.ToJsonString().Replace(hole, replacement);
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    slots.Add((obj, name));
                    if (child is not null) Collect(child, slots);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, i));
                    if (array[i] is { } child) Collect(child, slots);
                }
                break;
        }
    }

    private static byte[]? Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[a-z_]+\}")]
    private static partial System.Text.RegularExpressions.Regex Segments();
}

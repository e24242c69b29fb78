using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ecommerce.Shared.Json;

/// <summary>The one JSON dialect of the product (D3–D5): snake_case, raw UTF-8, Python floats, UTC 'Z' times.</summary>
public static class WireJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Python's json.dumps(ensure_ascii=False) writes Japanese as is; only quotes, backslashes and controls are escaped.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new PythonFloatDecimalConverter());
        options.Converters.Add(new UtcDateTimeConverter());
        // A 422 echoes the client's input, which may nest as deep as a body may (64) inside {"detail":[{"input":...}]}.
        options.MaxDepth = 2 * Validation.PythonJsonSyntax.MaxDepth;
        return options;
    }
}

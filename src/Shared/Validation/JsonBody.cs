using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Ecommerce.Shared.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Ecommerce.Shared.Validation;

/// <summary>
/// Reads a request body as FastAPI did: JSON content types only, CPython's syntax errors, the model's field errors;
/// path errors come first. A request type binds with
/// <c>public static ValueTask&lt;T?&gt; BindAsync(HttpContext c) =&gt; JsonBody.BindAsync(c, Read);</c>
/// </summary>
public static class JsonBody
{
    public static async ValueTask<T?> BindAsync<T>(HttpContext context, Func<JsonFields, T> read)
    {
        var errors = new List<ValidationError>();
        PathIds.Validate(context, errors);

        var body = await ReadAllAsync(context.Request);
        var value = Read(body, context.Request.ContentType, read, errors, out var document);
        if (document is not null) context.Response.RegisterForDispose(document);
        if (errors.Count == 0) return value;
        throw new RequestValidationException(errors);
    }

    /// <summary>
    /// The body read into a request type, or default with the 422 entries that say why in <paramref name="errors"/>;
    /// a body that is not UTF-8 is a 400 (<see cref="ApiException"/>). Pure, so the fuzzers drive exactly what a request
    /// runs. The caller disposes <paramref name="document"/>: the fields read from it (a dictionary's values) point into it.
    /// </summary>
    public static T? Read<T>(byte[] body, string? contentType, Func<JsonFields, T> read, List<ValidationError> errors, out JsonDocument? document)
    {
        if (ReadObject(body, contentType, errors, out document) is not { } root) return default;
        var value = read(new JsonFields(root, ["body"], errors));
        return errors.Count == 0 ? value : default;
    }

    private static JsonElement? ReadObject(byte[] body, string? contentType, List<ValidationError> errors, out JsonDocument? document)
    {
        document = null;
        if (body.Length == 0)
        {
            errors.Add(Pydantic.Missing(["body"], null));
            return null;
        }
        if (!IsJson(contentType))
        {
            errors.Add(Pydantic.ModelAttributesType(["body"], Encoding.UTF8.GetString(body)));
            return null;
        }
        if (!Utf8.IsValid(body)) throw ApiError.BadRequest("There was an error parsing the body");

        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = PythonJsonSyntax.MaxDepth });
        }
        catch (JsonException)
        {
            // Only a broken body pays for CPython's diagnosis (its message and position, as FastAPI reports them).
            var (position, message) = PythonJsonSyntax.FindError(body)
                                      // Valid to Python but not to JSON proper (NaN, Infinity): Python could not have answered either.
                                      ?? (0, "Out of range float values are not JSON compliant");
            errors.Add(Pydantic.JsonInvalid(position, message));
            return null;
        }
        // A lone surrogate escape ("\ud800") parses, but no string can be read from it or written back in an error.
        if (JsonEscapes.FindLoneSurrogate(body) is { } surrogate)
        {
            errors.Add(Pydantic.JsonInvalid(surrogate, JsonEscapes.LoneSurrogateMessage));
            return null;
        }
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Null)
        {
            errors.Add(Pydantic.Missing(["body"], null));
            return null;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Pydantic.ModelAttributesType(["body"], root));
            return null;
        }
        return root;
    }

    private static async Task<byte[]> ReadAllAsync(HttpRequest request)
    {
        // A declared length the server accepts is read straight into an array of that size: no growing copies and no
        // final copy (a bulk import's 2.5 MB body cost ~11 MB of large objects that way). Kestrel fails a body that stops
        // short of it, as before.
        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (request.ContentLength is { } length && length <= (limit ?? 0))
        {
            var body = new byte[length];
            await request.Body.ReadExactlyAsync(body, request.HttpContext.RequestAborted);
            return body;
        }
        using var buffer = new MemoryStream(request.ContentLength is > 0 and < 1 << 20 ? (int)request.ContentLength : 1024);
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private static bool IsJson(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        var type = media.MediaType.Value ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
               || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}

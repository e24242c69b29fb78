using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Ecommerce.Shared.Json;

/// <summary>
/// Success answers as FastAPI sent them: the wire JSON, <c>Content-Type: application/json</c> with no charset (D3), and a
/// <c>Content-Length</c>, never chunked: FastAPI's JSONResponse renders the body before it answers. Rendered first, the
/// headers and the body also leave in one write (a streamed JSON result sent the chunked terminator in a second).
/// </summary>
public static class Wire
{
    private const string ContentType = "application/json";

    public static IResult Ok<T>(T value) => new Rendered<T>(value, StatusCodes.Status200OK);

    public static IResult Status<T>(T value, int statusCode) => new Rendered<T>(value, statusCode);

    public static IResult Created<T>(T value) => new Rendered<T>(value, StatusCodes.Status201Created);

    private sealed class Rendered<T>(T value, int statusCode) : IResult, IStatusCodeHttpResult, IValueHttpResult
    {
        public int? StatusCode => statusCode;

        public object? Value => value;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            // The host's JSON options: the wire dialect (WireJson), as configured once for every module.
            var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            httpContext.Response.StatusCode = statusCode;
            return WriteAsync(httpContext.Response, value, options);
        }
    }

    /// <summary>
    /// <paramref name="value"/> as the whole body: rendered first (into pooled pieces, <see cref="PooledSegments"/>), so
    /// the answer has its Content-Length and a small one leaves with its headers in one write.
    /// </summary>
    public static async Task WriteAsync<T>(HttpResponse response, T value, JsonSerializerOptions options)
    {
        using var body = new PooledSegments();
        using (var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth, SkipValidation = true }))
            JsonSerializer.Serialize(writer, value, options);
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        // Not cancelled with the request: Kestrel drops the writes of an aborted one itself.
        await body.CopyToAsync(response.BodyWriter);
    }
}

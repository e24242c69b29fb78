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
            var body = JsonSerializer.SerializeToUtf8Bytes(value, options);
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = ContentType;
            response.ContentLength = body.Length;
            return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}

using System.Text.Json;
using Ecommerce.Shared.Json;

namespace Ecommerce.Shared.Errors;

/// <summary>Writes the one error shape of the product: <c>{"detail": ...}</c> as application/json.</summary>
public static class ErrorBody
{
    public static Task WriteAsync(HttpContext context, int status, object detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new Body(detail), WireJson.Options);
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes).AsTask();
    }

    private sealed record Body(object Detail);
}

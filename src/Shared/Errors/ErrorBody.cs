using Ecommerce.Shared.Json;

namespace Ecommerce.Shared.Errors;

/// <summary>Writes the one error shape of the product: <c>{"detail": ...}</c> as application/json.</summary>
public static class ErrorBody
{
    public static Task WriteAsync(HttpContext context, int status, object detail)
    {
        context.Response.StatusCode = status;
        return Wire.WriteAsync(context.Response, new Body(detail), WireJson.Options);
    }

    private sealed record Body(object Detail);
}

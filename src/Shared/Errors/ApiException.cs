namespace Ecommerce.Shared.Errors;

/// <summary>A business outcome the client must see as <c>{"detail": "..."}</c> with this status (D7).</summary>
public sealed class ApiException(int statusCode, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Detail { get; } = detail;
}

public static class ApiError
{
    public static ApiException NotFound(string detail) => new(StatusCodes.Status404NotFound, detail);
    public static ApiException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, detail);
}

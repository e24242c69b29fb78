namespace Ecommerce.Shared.Json;

/// <summary>Success answers as FastAPI sent them: the wire JSON, <c>Content-Type: application/json</c> with no charset (D3).</summary>
public static class Wire
{
    private const string ContentType = "application/json";

    public static IResult Ok<T>(T value) => TypedResults.Json(value, contentType: ContentType);

    public static IResult Status<T>(T value, int statusCode) => TypedResults.Json(value, contentType: ContentType, statusCode: statusCode);

    public static IResult Created<T>(T value) => TypedResults.Json(value, contentType: ContentType, statusCode: StatusCodes.Status201Created);
}

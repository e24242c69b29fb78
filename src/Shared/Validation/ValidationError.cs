using System.Text.Json.Serialization;

namespace Ecommerce.Shared.Validation;

/// <summary>One entry of FastAPI's 422 body, keys in pydantic's order: type, loc, msg, input, ctx (D8).</summary>
public sealed record ValidationError(
    string Type,
    IReadOnlyList<object> Loc,
    string Msg,
    object? Input,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, object>? Ctx = null);

public sealed class RequestValidationException(IReadOnlyList<ValidationError> errors) : Exception("Request validation failed")
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}

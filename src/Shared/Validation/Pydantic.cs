using System.Globalization;

namespace Ecommerce.Shared.Validation;

/// <summary>
/// The error entries pydantic v2 produces, with its exact types, messages and ctx
/// (pydantic-core's message templates, as FastAPI serialises them). Every module builds its 422s from these, never by hand.
/// </summary>
public static class Pydantic
{
    private static readonly Dictionary<string, object> EmptyObject = [];

    public static ValidationError Missing(object[] loc, object? input) => new("missing", loc, "Field required", input);
    public static ValidationError StringType(object[] loc, object? input) => new("string_type", loc, "Input should be a valid string", input);
    public static ValidationError IntType(object[] loc, object? input) => new("int_type", loc, "Input should be a valid integer", input);
    public static ValidationError FloatType(object[] loc, object? input) => new("float_type", loc, "Input should be a valid number", input);
    public static ValidationError ListType(object[] loc, object? input) => new("list_type", loc, "Input should be a valid list", input);
    public static ValidationError DictType(object[] loc, object? input) => new("dict_type", loc, "Input should be a valid dictionary", input);

    public static ValidationError ModelAttributesType(object[] loc, object? input) =>
        new("model_attributes_type", loc, "Input should be a valid dictionary or object to extract fields from", input);

    public static ValidationError IntParsing(object[] loc, object? input) =>
        new("int_parsing", loc, "Input should be a valid integer, unable to parse string as an integer", input);

    public static ValidationError IntFromFloat(object[] loc, object? input) =>
        new("int_from_float", loc, "Input should be a valid integer, got a number with a fractional part", input);

    public static ValidationError FloatParsing(object[] loc, object? input) =>
        new("float_parsing", loc, "Input should be a valid number, unable to parse string as a number", input);

    public static ValidationError DatetimeParsing(object[] loc, object? input) =>
        new("datetime_from_date_parsing", loc, "Input should be a valid datetime or date, invalid character in year", input,
            new Dictionary<string, object> { ["error"] = "invalid character in year" });

    /// <summary>A validator's own refusal (pydantic's ValueError raised in a field validator).</summary>
    public static ValidationError ValueError(object[] loc, object? input, string message) =>
        new("value_error", loc, $"Value error, {message}", input, new Dictionary<string, object> { ["error"] = new Dictionary<string, object>() });

    public static ValidationError FiniteNumber(object[] loc, object? input) =>
        new("finite_number", loc, "Input should be a finite number", input);

    public static ValidationError StringTooShort(object[] loc, object? input, int min) =>
        new("string_too_short", loc, $"String should have at least {min} {Plural(min, "character")}", input,
            new Dictionary<string, object> { ["min_length"] = min });

    public static ValidationError StringTooLong(object[] loc, object? input, int max) =>
        new("string_too_long", loc, $"String should have at most {max} {Plural(max, "character")}", input,
            new Dictionary<string, object> { ["max_length"] = max });

    public static ValidationError PatternMismatch(object[] loc, object? input, string pattern) =>
        new("string_pattern_mismatch", loc, $"String should match pattern '{pattern}'", input,
            new Dictionary<string, object> { ["pattern"] = pattern });

    public static ValidationError GreaterThanEqual(object[] loc, object? input, long ge) =>
        new("greater_than_equal", loc, $"Input should be greater than or equal to {ge}", input,
            new Dictionary<string, object> { ["ge"] = ge });

    public static ValidationError LessThanEqual(object[] loc, object? input, long le) =>
        new("less_than_equal", loc, $"Input should be less than or equal to {le}", input,
            new Dictionary<string, object> { ["le"] = le });

    public static ValidationError LessThanEqual(object[] loc, object? input, decimal le) =>
        new("less_than_equal", loc, $"Input should be less than or equal to {le.ToString("G29", CultureInfo.InvariantCulture)}", input,
            new Dictionary<string, object> { ["le"] = le });

    // A float bound: pydantic prints it with Rust's Display in msg ("0") but as a float in ctx (0.0).
    public static ValidationError GreaterThan(object[] loc, object? input, decimal gt) =>
        new("greater_than", loc, $"Input should be greater than {gt.ToString("G29", CultureInfo.InvariantCulture)}", input,
            new Dictionary<string, object> { ["gt"] = gt });

    public static ValidationError TooShort(object[] loc, object? input, int min, int actual) =>
        new("too_short", loc, $"List should have at least {min} {Plural(min, "item")} after validation, not {actual}", input,
            new Dictionary<string, object> { ["field_type"] = "List", ["min_length"] = min, ["actual_length"] = actual });

    public static ValidationError TooLong(object[] loc, object? input, int max, int actual) =>
        new("too_long", loc, $"List should have at most {max} {Plural(max, "item")} after validation, not {actual}", input,
            new Dictionary<string, object> { ["field_type"] = "List", ["max_length"] = max, ["actual_length"] = actual });

    public static ValidationError Enum(object[] loc, object? input, IReadOnlyList<string> allowed)
    {
        var quoted = allowed.Select(a => $"'{a}'").ToList();
        var expected = quoted.Count == 1 ? quoted[0] : string.Join(", ", quoted[..^1]) + " or " + quoted[^1];
        return new("enum", loc, $"Input should be {expected}", input, new Dictionary<string, object> { ["expected"] = expected });
    }

    public static ValidationError InvalidEmail(object[] loc, object? input, string reason) =>
        new("value_error", loc, $"value is not a valid email address: {reason}", input,
            new Dictionary<string, object> { ["reason"] = reason });

    public static ValidationError JsonInvalid(int position, string error) =>
        new("json_invalid", ["body", position], "JSON decode error", EmptyObject,
            new Dictionary<string, object> { ["error"] = error });

    private static string Plural(long n, string word) => n == 1 ? word : word + "s";
}

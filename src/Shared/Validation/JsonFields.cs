using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ecommerce.Shared.OpenApi;

namespace Ecommerce.Shared.Validation;

/// <summary>
/// Reads the fields of one JSON object the way a pydantic model in lax mode validates them, in declaration order,
/// collecting every problem with its loc. A request type lists its fields once, here, and gets FastAPI's 422 for free.
/// Values read from an invalid field are defaults; callers only use them when no error was collected.
/// In describe mode (built on a <see cref="BodySchema"/>) nothing is read: each field adds its schema there instead.
/// </summary>
public sealed class JsonFields
{
    private readonly JsonElement _object;
    private readonly object[] _loc;
    private readonly List<ValidationError> _errors;
    private readonly BodySchema? _schema;

    internal JsonFields(JsonElement @object, object[] loc, List<ValidationError> errors)
    {
        _object = @object;
        _loc = loc;
        _errors = errors;
    }

    /// <summary>Describe mode: no value is read (a lambda here would allocate on every read, so each method branches).</summary>
    internal JsonFields(BodySchema schema) : this(default, [], []) => _schema = schema;

    /// <summary>Python's len(): code points, not UTF-16 units. Counted without LINQ, which boxes the enumerator per field.</summary>
    private static int Runes(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }

    /// <summary>A required string (no <paramref name="fallback"/>) or one with a default.</summary>
    public string String(string name, int minLength = 0, int maxLength = int.MaxValue, string? pattern = null, string? fallback = null)
    {
        if (_schema is not null)
        {
            _schema.String(name, minLength, maxLength, pattern, fallback);
            return fallback ?? "";
        }
        if (!TryGet(name, fallback is null, out var value)) return fallback ?? "";
        if (value.ValueKind != JsonValueKind.String) return Fail(Pydantic.StringType(Loc(name), value), "");
        var text = value.GetString()!;
        var length = Runes(text);
        if (length < minLength) return Fail(Pydantic.StringTooShort(Loc(name), value, minLength), "");
        if (length > maxLength) return Fail(Pydantic.StringTooLong(Loc(name), value, maxLength), "");
        // The non-backtracking engine: no input can make a pattern slow (its time is linear in the text).
        if (pattern is not null && !Regex.IsMatch(text, pattern, RegexOptions.NonBacktracking)) return Fail(Pydantic.PatternMismatch(Loc(name), value, pattern), "");
        return text;
    }

    /// <summary>An optional string (<c>Optional[str] = None</c>): null when absent or null.</summary>
    public string? OptionalString(string name, int minLength = 0, int maxLength = int.MaxValue)
    {
        if (_schema is not null)
        {
            _schema.OptionalString(name, minLength, maxLength);
            return null;
        }
        if (!TryGet(name, false, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return String(name, minLength, maxLength);
    }

    /// <summary>An EmailStr: normalised (trimmed, domain lower-cased) as pydantic returns it.</summary>
    public string Email(string name)
    {
        if (_schema is not null)
        {
            _schema.Email(name);
            return "";
        }
        if (!TryGet(name, true, out var value)) return "";
        if (value.ValueKind != JsonValueKind.String) return Fail(Pydantic.StringType(Loc(name), value), "");
        return EmailAddress.TryNormalize(value.GetString()!, out var email, out var reason)
            ? email
            : Fail(Pydantic.InvalidEmail(Loc(name), value, reason), "");
    }

    /// <summary>
    /// A string the handler looks up (an unknown one is its business error, 400, not a 422): read as any string, documented
    /// with the values it knows.
    /// </summary>
    public string Known(string name, IEnumerable<string> values)
    {
        if (_schema is not null)
        {
            _schema.Choice(name, values);
            return "";
        }
        return String(name);
    }

    /// <summary>One of a fixed set of strings (a Python Enum field).</summary>
    public string Choice(string name, IReadOnlyList<string> allowed)
    {
        if (_schema is not null)
        {
            _schema.Choice(name, allowed);
            return "";
        }
        if (!TryGet(name, true, out var value)) return "";
        return value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString()!)
            ? value.GetString()!
            : Fail(Pydantic.Enum(Loc(name), value, allowed), "");
    }

    public int Int(string name, long? ge = null, long? le = null, int? fallback = null)
    {
        if (_schema is not null)
        {
            _schema.Integer(name, ge, le, fallback);
            return fallback ?? 0;
        }
        if (!TryGet(name, fallback is null, out var value)) return fallback ?? 0;
        long number;
        switch (value.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                number = value.ValueKind == JsonValueKind.True ? 1 : 0;
                break;
            case JsonValueKind.Number when value.TryGetInt64(out number):
                break;
            case JsonValueKind.Number:
                var d = value.GetDouble();
                if (double.IsInfinity(d)) return Fail(Pydantic.FiniteNumber(Loc(name), value), 0);
                if (d != Math.Floor(d)) return Fail(Pydantic.IntFromFloat(Loc(name), value), 0);
                number = d >= long.MaxValue ? long.MaxValue : d <= long.MinValue ? long.MinValue : (long)d;
                break;
            case JsonValueKind.String:
                if (!LaxInt.TryParse(value.GetString(), out number)) return Fail(Pydantic.IntParsing(Loc(name), value), 0);
                break;
            default:
                return Fail(Pydantic.IntType(Loc(name), value), 0);
        }
        if (number < ge) return Fail(Pydantic.GreaterThanEqual(Loc(name), value, ge.Value), 0);
        if (number > le) return Fail(Pydantic.LessThanEqual(Loc(name), value, le.Value), 0);
        // Out of int range can only fail later as "not found" or a business limit; clamp rather than overflow.
        return (int)Math.Clamp(number, int.MinValue, int.MaxValue);
    }

    /// <summary>A float field of the original, held exactly as decimal (D4).</summary>
    public decimal Number(string name, decimal? gt = null, decimal? fallback = null, decimal? le = null)
    {
        if (_schema is not null)
        {
            _schema.Number(name, gt, le, fallback);
            return fallback ?? 0m;
        }
        if (!TryGet(name, fallback is null, out var value)) return fallback ?? 0m;
        decimal number;
        switch (value.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                number = value.ValueKind == JsonValueKind.True ? 1m : 0m;
                break;
            case JsonValueKind.Number:
                if (!value.TryGetDecimal(out number)) return Fail(Pydantic.FiniteNumber(Loc(name), value), 0m);
                break;
            case JsonValueKind.String:
                if (!decimal.TryParse(value.GetString()!.Trim().Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
                    return Fail(Pydantic.FloatParsing(Loc(name), value), 0m);
                break;
            default:
                return Fail(Pydantic.FloatType(Loc(name), value), 0m);
        }
        if (number <= gt) return Fail(Pydantic.GreaterThan(Loc(name), value, gt.Value), 0m);
        if (number > le) return Fail(Pydantic.LessThanEqual(Loc(name), value, le.Value), 0m);
        return number;
    }

    public IReadOnlyList<T> List<T>(string name, int minLength, int maxLength, Func<JsonFields, T> readItem)
    {
        if (_schema is not null)
        {
            _schema.List(name, minLength, maxLength, readItem);
            return (IReadOnlyList<T>)[];
        }
        if (!TryGet(name, true, out var value)) return [];
        if (value.ValueKind != JsonValueKind.Array) return Fail(Pydantic.ListType(Loc(name), value), (IReadOnlyList<T>)[]);
        var count = value.GetArrayLength();
        if (count > maxLength) return Fail(Pydantic.TooLong(Loc(name), value, maxLength, count), (IReadOnlyList<T>)[]);
        var items = new List<T>(count);
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            object[] itemLoc = [.. _loc, name, index++];
            if (element.ValueKind != JsonValueKind.Object) _errors.Add(Pydantic.ModelAttributesType(itemLoc, element));
            else items.Add(readItem(new JsonFields(element, itemLoc, _errors)));
        }
        if (count < minLength) _errors.Add(Pydantic.TooShort(Loc(name), value, minLength, count));
        return items;
    }

    /// <summary>
    /// A batch: every element validated on its own, so valid ones can go ahead while others are reported.
    /// More than <paramref name="maxItems"/> is refused whole with 413, before anything is written.
    /// </summary>
    public IReadOnlyList<BatchItem<T>> Batch<T>(string name, int maxItems, Func<JsonFields, T> readItem)
    {
        if (_schema is not null)
        {
            _schema.Batch(name, maxItems, readItem);
            return (IReadOnlyList<BatchItem<T>>)[];
        }
        if (!TryGet(name, true, out var value)) return [];
        if (value.ValueKind != JsonValueKind.Array) return Fail(Pydantic.ListType(Loc(name), value), (IReadOnlyList<BatchItem<T>>)[]);
        var count = value.GetArrayLength();
        if (count > maxItems)
            throw new Errors.ApiException(StatusCodes.Status413PayloadTooLarge,
                $"Too many {name}: {count}; at most {maxItems} per request");
        var items = new List<BatchItem<T>>(count);
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            object[] itemLoc = [.. _loc, name, index];
            var errors = new List<ValidationError>();
            if (element.ValueKind != JsonValueKind.Object) errors.Add(Pydantic.ModelAttributesType(itemLoc, element));
            var item = errors.Count == 0 ? readItem(new JsonFields(element, itemLoc, errors)) : default;
            items.Add(new BatchItem<T>(index++, errors.Count == 0 ? item : default, errors));
        }
        return items;
    }

    /// <summary>A free-form object (a Python dict[str, Any]); empty when absent.</summary>
    public IReadOnlyDictionary<string, JsonElement> Dictionary(string name)
    {
        if (_schema is not null)
        {
            _schema.Object(name);
            return (IReadOnlyDictionary<string, JsonElement>)new Dictionary<string, JsonElement>();
        }
        if (!TryGet(name, false, out var value)) return new Dictionary<string, JsonElement>();
        if (value.ValueKind != JsonValueKind.Object) return Fail(Pydantic.DictType(Loc(name), value), new Dictionary<string, JsonElement>());
        var result = new Dictionary<string, JsonElement>();
        foreach (var property in value.EnumerateObject()) result[property.Name] = property.Value;
        return result;
    }

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        if (_object.TryGetProperty(name, out value)) return true;
        if (required) _errors.Add(Pydantic.Missing(Loc(name), _object));
        return false;
    }

    /// <summary>A field's loc, built only when there is an error to report.</summary>
    private object[] Loc(string name) => [.. _loc, name];

    private T Fail<T>(ValidationError error, T fallback)
    {
        _errors.Add(error);
        return fallback;
    }
}

/// <summary>One element of a batch: its index and either its value or its 422 entries.</summary>
public sealed record BatchItem<T>(int Index, T? Value, IReadOnlyList<ValidationError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

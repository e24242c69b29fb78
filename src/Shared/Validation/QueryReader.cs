namespace Ecommerce.Shared.Validation;

/// <summary>Query parameters with FastAPI's 422s (loc ["query", name], input the raw string); call <see cref="ThrowIfInvalid"/> last.</summary>
public sealed class QueryReader(HttpContext context)
{
    private readonly List<ValidationError> _errors = [];

    /// <summary>D11, for every list: <c>skip</c> ≥ 0 (default 0), <c>limit</c> 1–100 (default 20).</summary>
    public (int Skip, int Limit) Page() => (Int("skip", 0, ge: 0), Int("limit", 20, ge: 1, le: 100));

    public int Int(string name, int fallback, long? ge = null, long? le = null)
    {
        // Repeated parameters: FastAPI keeps the last value.
        var values = context.Request.Query[name];
        if (values.Count == 0) return fallback;
        var raw = values[^1];
        object[] loc = ["query", name];
        if (!LaxInt.TryParse(raw, out var value)) return Fail(Pydantic.IntParsing(loc, raw), fallback);
        if (value < ge) return Fail(Pydantic.GreaterThanEqual(loc, raw, ge.Value), fallback);
        if (value > le) return Fail(Pydantic.LessThanEqual(loc, raw, le.Value), fallback);
        return (int)Math.Clamp(value, int.MinValue, int.MaxValue);
    }

    public string? String(string name)
    {
        var values = context.Request.Query[name];
        return values.Count == 0 ? null : values[^1];
    }

    /// <summary>An optional filter restricted to known values (a Python Enum query parameter).</summary>
    public string? Choice(string name, IReadOnlyList<string> allowed)
    {
        var raw = String(name);
        if (raw is null || allowed.Contains(raw)) return raw;
        return Fail(Pydantic.Enum(["query", name], raw, allowed), (string?)null);
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0) throw new RequestValidationException(_errors);
    }

    private T Fail<T>(ValidationError error, T fallback)
    {
        _errors.Add(error);
        return fallback;
    }
}

using System.Globalization;
using Ecommerce.Shared.OpenApi;

namespace Ecommerce.Shared.Validation;

/// <summary>
/// Query parameters with FastAPI's 422s (loc ["query", name], input the raw string). A query type binds with
/// <c>public static ValueTask&lt;T?&gt; BindAsync(HttpContext c) =&gt; QueryReader.BindAsync(c, Read);</c>; in describe mode
/// (built on a <see cref="QuerySchema"/>) nothing is read: each parameter documents itself there instead.
/// </summary>
public sealed class QueryReader
{
    private readonly HttpContext? _context;
    private readonly QuerySchema? _schema;
    private readonly List<ValidationError> _errors = [];

    private QueryReader(HttpContext context) => _context = context;

    internal QueryReader(QuerySchema schema) => _schema = schema;

    public static ValueTask<T?> BindAsync<T>(HttpContext context, Func<QueryReader, T> read)
    {
        var query = new QueryReader(context);
        var value = read(query);
        if (query._errors.Count > 0) throw new RequestValidationException(query._errors);
        return ValueTask.FromResult<T?>(value);
    }

    /// <summary>D11, for every list: <c>skip</c> ≥ 0 (default 0), <c>limit</c> 1–100 (default 20).</summary>
    public (int Skip, int Limit) Page() => (Int("skip", 0, ge: 0), Int("limit", 20, ge: 1, le: 100));

    public int Int(string name, int fallback, long? ge = null, long? le = null)
    {
        if (_schema is not null)
        {
            _schema.Integer(name, fallback, ge, le);
            return fallback;
        }
        if (Raw(name) is not { } raw) return fallback;
        object[] loc = ["query", name];
        if (!LaxInt.TryParse(raw, out var value)) return Fail(Pydantic.IntParsing(loc, raw), fallback);
        if (value < ge) return Fail(Pydantic.GreaterThanEqual(loc, raw, ge.Value), fallback);
        if (value > le) return Fail(Pydantic.LessThanEqual(loc, raw, le.Value), fallback);
        return (int)Math.Clamp(value, int.MinValue, int.MaxValue);
    }

    public string? String(string name)
    {
        _schema?.String(name);
        return Raw(name);
    }

    /// <summary>An optional filter restricted to known values (a Python Enum query parameter).</summary>
    public string? Choice(string name, IReadOnlyList<string> allowed)
    {
        _schema?.Choice(name, allowed);
        var raw = Raw(name);
        if (raw is null || allowed.Contains(raw)) return raw;
        return Fail(Pydantic.Enum(["query", name], raw, allowed), (string?)null);
    }

    /// <summary>An optional ISO 8601 date-time (a Python datetime query parameter); one without an offset is UTC.</summary>
    public DateTime? Time(string name)
    {
        _schema?.DateTime(name);
        if (Raw(name) is not { } raw) return null;
        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
            return value.UtcDateTime;
        return Fail(Pydantic.DatetimeParsing(["query", name], raw), (DateTime?)null);
    }

    /// <summary>A refusal that involves more than one parameter (a period whose end is before its start).</summary>
    public void Refuse(ValidationError error)
    {
        if (_schema is null) _errors.Add(error);
    }

    /// <summary>Repeated parameters: FastAPI keeps the last value.</summary>
    private string? Raw(string name)
    {
        if (_context is null) return null;
        var values = _context.Request.Query[name];
        return values.Count == 0 ? null : values[^1];
    }

    private T Fail<T>(ValidationError error, T fallback)
    {
        _errors.Add(error);
        return fallback;
    }
}

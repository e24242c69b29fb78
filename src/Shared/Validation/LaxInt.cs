using System.Globalization;

namespace Ecommerce.Shared.Validation;

/// <summary>Python's lax str → int: surrounding spaces, a sign, '_' between digits and "1.0" are accepted.</summary>
public static class LaxInt
{
    public static bool TryParse(string? text, out long value)
    {
        value = 0;
        if (text is null) return false;
        var s = text.Trim();
        if (s.Contains('_'))
        {
            if (s.StartsWith('_') || s.EndsWith('_') || s.Contains("__")) return false;
            s = s.Replace("_", "");
        }
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        // "1.0" is an integer to pydantic; "1.5" is not.
        if (decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue && s.Contains('.'))
        {
            value = (long)d;
            return true;
        }
        return false;
    }
}

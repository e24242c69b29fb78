namespace Ecommerce.Shared.Validation;

/// <summary>
/// Finds the first syntax error of a UTF-8 JSON text the way CPython's json module reports it (position in code points,
/// message such as "Expecting value"), because FastAPI copies both into its json_invalid 422.
/// It is a loop over an explicit stack, never recursion: a client decides how deep its body nests, and a stack overflow
/// cannot be caught in .NET, so a recursive parser would let one request end the whole process. Nesting deeper than
/// <see cref="MaxDepth"/> is reported at the bracket that crosses the limit, like any other syntax error.
/// </summary>
public static class PythonJsonSyntax
{
    /// <summary>The deepest nesting of objects and arrays a body may have (System.Text.Json's default too).</summary>
    public const int MaxDepth = 64;

    public static readonly string TooDeep = $"Exceeds the maximum nesting depth of {MaxDepth}";

    public static (int Position, string Message)? FindError(ReadOnlySpan<byte> s)
    {
        // One bit of state per open container: true for an object, false for an array.
        Span<bool> isObject = stackalloc bool[MaxDepth];
        var depth = 0;
        var i = SkipWhitespace(s, 0);

        Value:
        if (i >= s.Length) return Error(s, i, "Expecting value");
        switch (s[i])
        {
            case (byte)'"':
                if (!String(s, i + 1, out i, out var stringError)) return Error(s, stringError.Position, stringError.Message);
                goto AfterValue;
            case (byte)'{' or (byte)'[':
                if (depth == MaxDepth) return Error(s, i, TooDeep);
                var opensObject = s[i] == '{';
                isObject[depth++] = opensObject;
                i = SkipWhitespace(s, i + 1);
                if (i < s.Length && s[i] == (opensObject ? '}' : ']'))
                {
                    depth--;
                    i++;
                    goto AfterValue;
                }
                if (opensObject) goto Key;
                goto Value;
        }
        var end = Literal(s, i);
        if (end == i) end = Number(s, i);
        if (end == i) return Error(s, i, "Expecting value");
        i = end;

        AfterValue:
        if (depth == 0)
        {
            i = SkipWhitespace(s, i);
            return i == s.Length ? null : Error(s, i, "Extra data");
        }
        i = SkipWhitespace(s, i);
        var inObject = isObject[depth - 1];
        if (i < s.Length && s[i] == (inObject ? '}' : ']'))
        {
            depth--;
            i++;
            goto AfterValue;
        }
        if (i >= s.Length || s[i] != ',') return Error(s, i, "Expecting ',' delimiter");
        i = SkipWhitespace(s, i + 1);
        if (!inObject) goto Value;

        Key:
        if (i >= s.Length || s[i] != '"') return Error(s, i, "Expecting property name enclosed in double quotes");
        if (!String(s, i + 1, out i, out var keyError)) return Error(s, keyError.Position, keyError.Message);
        i = SkipWhitespace(s, i);
        if (i >= s.Length || s[i] != ':') return Error(s, i, "Expecting ':' delimiter");
        i = SkipWhitespace(s, i + 1);
        goto Value;
    }

    private static (int, string) Error(ReadOnlySpan<byte> s, int index, string message) => (CodePoints(s, index), message);

    /// <summary>A string whose opening quote is at <paramref name="i"/> − 1; <paramref name="end"/> is just past its closing quote.</summary>
    private static bool String(ReadOnlySpan<byte> s, int i, out int end, out (int Position, string Message) error)
    {
        var begin = i - 1;
        end = i;
        error = default;
        while (true)
        {
            if (i >= s.Length) return Fail(begin, "Unterminated string starting at", out error);
            var c = s[i];
            if (c == '"')
            {
                end = i + 1;
                return true;
            }
            if (c < 0x20) return Fail(i, "Invalid control character at", out error);
            if (c != '\\')
            {
                i++;
                continue;
            }
            if (i + 1 >= s.Length) return Fail(begin, "Unterminated string starting at", out error);
            var escape = s[i + 1];
            if (escape == 'u')
            {
                if (i + 6 > s.Length || s.Slice(i + 2, 4).ContainsAnyExcept("0123456789abcdefABCDEF"u8))
                    return Fail(i + 1, "Invalid \\uXXXX escape", out error);
                i += 6;
            }
            else if ("\"\\/bfnrt"u8.Contains(escape)) i += 2;
            else return Fail(i, "Invalid \\escape", out error);
        }
    }

    private static bool Fail(int position, string message, out (int, string) error)
    {
        error = (position, message);
        return false;
    }

    /// <summary>Python's json also reads NaN, Infinity and -Infinity; returns i when none is there.</summary>
    private static int Literal(ReadOnlySpan<byte> s, int i)
    {
        var rest = s[i..];
        if (rest.StartsWith("null"u8) || rest.StartsWith("true"u8)) return i + 4;
        if (rest.StartsWith("false"u8)) return i + 5;
        if (rest.StartsWith("NaN"u8)) return i + 3;
        if (rest.StartsWith("Infinity"u8)) return i + 8;
        if (rest.StartsWith("-Infinity"u8)) return i + 9;
        return i;
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?  — returns i when nothing matches.
    private static int Number(ReadOnlySpan<byte> s, int i)
    {
        var start = i;
        if (i < s.Length && s[i] == '-') i++;
        if (i >= s.Length || !char.IsAsciiDigit((char)s[i])) return start;
        if (s[i] == '0') i++;
        else while (i < s.Length && char.IsAsciiDigit((char)s[i])) i++;
        if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit((char)s[i + 1]))
        {
            i += 2;
            while (i < s.Length && char.IsAsciiDigit((char)s[i])) i++;
        }
        if (i < s.Length && s[i] is (byte)'e' or (byte)'E')
        {
            var j = i + 1;
            if (j < s.Length && s[j] is (byte)'+' or (byte)'-') j++;
            if (j < s.Length && char.IsAsciiDigit((char)s[j]))
            {
                while (j < s.Length && char.IsAsciiDigit((char)s[j])) j++;
                i = j;
            }
        }
        return i;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') i++;
        return i;
    }

    /// <summary>Python counts code points: every UTF-8 byte that is not a continuation byte (10xxxxxx) starts one.</summary>
    internal static int CodePoints(ReadOnlySpan<byte> s, int index)
    {
        var count = 0;
        var limit = Math.Min(index, s.Length);
        for (var i = 0; i < limit; i++)
            if ((s[i] & 0xC0) != 0x80) count++;
        return count + Math.Max(0, index - s.Length);
    }
}

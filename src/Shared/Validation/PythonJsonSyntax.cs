namespace Ecommerce.Shared.Validation;

/// <summary>
/// Finds the first syntax error of a JSON text the way CPython's json module reports it (position in code points,
/// message such as "Expecting value"), because FastAPI copies both into its json_invalid 422.
/// </summary>
public static class PythonJsonSyntax
{
    public static (int Position, string Message)? FindError(string text)
    {
        try
        {
            var end = SkipWhitespace(text, Value(text, SkipWhitespace(text, 0)));
            return end == text.Length ? null : (CodePoints(text, end), "Extra data");
        }
        catch (SyntaxError error)
        {
            return (CodePoints(text, error.Position), error.Message);
        }
    }

    private static int Value(string s, int i)
    {
        if (i >= s.Length) throw new SyntaxError(i, "Expecting value");
        switch (s[i])
        {
            case '"': return String(s, i + 1);
            case '{': return Object(s, i + 1);
            case '[': return Array(s, i + 1);
        }
        foreach (var literal in (string[])["null", "true", "false", "NaN", "Infinity", "-Infinity"])
            if (string.CompareOrdinal(s, i, literal, 0, literal.Length) == 0) return i + literal.Length;
        var end = Number(s, i);
        return end > i ? end : throw new SyntaxError(i, "Expecting value");
    }

    private static int Object(string s, int i)
    {
        i = SkipWhitespace(s, i);
        if (i < s.Length && s[i] == '}') return i + 1;
        while (true)
        {
            if (i >= s.Length || s[i] != '"') throw new SyntaxError(i, "Expecting property name enclosed in double quotes");
            i = SkipWhitespace(s, String(s, i + 1));
            if (i >= s.Length || s[i] != ':') throw new SyntaxError(i, "Expecting ':' delimiter");
            i = SkipWhitespace(s, Value(s, SkipWhitespace(s, i + 1)));
            if (i < s.Length && s[i] == '}') return i + 1;
            if (i >= s.Length || s[i] != ',') throw new SyntaxError(i, "Expecting ',' delimiter");
            i = SkipWhitespace(s, i + 1);
        }
    }

    private static int Array(string s, int i)
    {
        i = SkipWhitespace(s, i);
        if (i < s.Length && s[i] == ']') return i + 1;
        while (true)
        {
            i = SkipWhitespace(s, Value(s, i));
            if (i < s.Length && s[i] == ']') return i + 1;
            if (i >= s.Length || s[i] != ',') throw new SyntaxError(i, "Expecting ',' delimiter");
            i = SkipWhitespace(s, i + 1);
        }
    }

    private static int String(string s, int i)
    {
        var begin = i - 1;
        while (true)
        {
            if (i >= s.Length) throw new SyntaxError(begin, "Unterminated string starting at");
            var c = s[i];
            if (c == '"') return i + 1;
            if (c < 0x20) throw new SyntaxError(i, "Invalid control character at");
            if (c != '\\') { i++; continue; }
            if (i + 1 >= s.Length) throw new SyntaxError(begin, "Unterminated string starting at");
            var escape = s[i + 1];
            if (escape == 'u')
            {
                if (i + 6 > s.Length || s.AsSpan(i + 2, 4).ContainsAnyExcept("0123456789abcdefABCDEF"))
                    throw new SyntaxError(i + 1, "Invalid \\uXXXX escape");
                i += 6;
            }
            else if ("\"\\/bfnrt".Contains(escape)) i += 2;
            else throw new SyntaxError(i, "Invalid \\escape");
        }
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?  — returns i when nothing matches.
    private static int Number(string s, int i)
    {
        var start = i;
        if (i < s.Length && s[i] == '-') i++;
        if (i >= s.Length || !char.IsAsciiDigit(s[i])) return start;
        if (s[i] == '0') i++;
        else while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
        {
            i += 2;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < s.Length && s[j] is '+' or '-') j++;
            if (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                while (j < s.Length && char.IsAsciiDigit(s[j])) j++;
                i = j;
            }
        }
        return i;
    }

    private static int SkipWhitespace(string s, int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\r') i++;
        return i;
    }

    private static int CodePoints(string s, int index)
    {
        var count = 0;
        for (var i = 0; i < index && i < s.Length; i++)
            if (!char.IsLowSurrogate(s[i])) count++;
        return count + Math.Max(0, index - s.Length);
    }

    private sealed class SyntaxError(int position, string message) : Exception(message)
    {
        public int Position { get; } = position;
    }
}

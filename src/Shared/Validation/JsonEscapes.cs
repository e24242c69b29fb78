using System.Buffers.Text;
using System.Text.Json;

namespace Ecommerce.Shared.Validation;

/// <summary>
/// Finds a <c>\uD800</c>–<c>\uDFFF</c> escape without its partner. JSON's grammar allows it, but System.Text.Json
/// refuses to read such a string (and to write it back), so it is refused up front with its position.
/// </summary>
public static class JsonEscapes
{
    public const string LoneSurrogateMessage = "Invalid \\uXXXX escape: unpaired surrogate";

    /// <summary>The position (in code points) of the first unpaired surrogate escape of a valid JSON text, or null.</summary>
    public static int? FindLoneSurrogate(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf("\\u"u8) < 0) return null; // the common case: no \u escape at all
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = PythonJsonSyntax.MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped) continue;
            if (LoneSurrogate(reader.ValueSpan) is { } offset)
                return PythonJsonSyntax.CodePoints(json, (int)reader.TokenStartIndex + 1 + offset);
        }
        return null;
    }

    /// <summary>The offset of the first unpaired surrogate escape in a string's escaped bytes (between its quotes).</summary>
    private static int? LoneSurrogate(ReadOnlySpan<byte> raw)
    {
        int? pendingHigh = null;
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] != '\\' || raw[i + 1] != 'u')
            {
                if (pendingHigh is not null) return pendingHigh;
                i += raw[i] == '\\' ? 2 : 1;
                continue;
            }
            Utf8Parser.TryParse(raw.Slice(i + 2, 4), out ushort unit, out _, 'X');
            if (char.IsHighSurrogate((char)unit))
            {
                if (pendingHigh is not null) return pendingHigh;
                pendingHigh = i;
            }
            else if (char.IsLowSurrogate((char)unit))
            {
                if (pendingHigh is null) return i;
                pendingHigh = null;
            }
            else if (pendingHigh is not null) return pendingHigh;
            i += 6;
        }
        return pendingHigh;
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ecommerce.Shared.Json;

/// <summary>
/// Timestamps as pydantic wrote them (D5): UTC, 'Z', microseconds only when non-zero.
/// Values read back from SQLite are unspecified-kind but were stored as UTC.
/// </summary>
public sealed class UtcDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    // "ffffff" is the first six digits of the seven the ticks hold: the microseconds, cut as pydantic's are.
    private const string Whole = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string WithMicros = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>Written straight to the writer as UTF-8: every answer carries times, and a string each added up.</summary>
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        Span<byte> text = stackalloc byte[32];
        var utc = Utc(value);
        utc.TryFormat(text, out var length, Layout(utc), CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..length]);
    }

    public static string Format(DateTime value)
    {
        var utc = Utc(value);
        return utc.ToString(Layout(utc), CultureInfo.InvariantCulture);
    }

    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;

    private static string Layout(DateTime utc) => utc.Ticks % TimeSpan.TicksPerSecond / 10 == 0 ? Whole : WithMicros;
}

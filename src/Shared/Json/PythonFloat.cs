using System.Globalization;
using System.Text.Json;

namespace Ecommerce.Shared.Json;

/// <summary>
/// Writes a number exactly as Python's <c>repr(float)</c> does (<c>183100.0</c>, <c>0.5</c>, <c>1e+16</c>),
/// because the original API serialised money as Python floats and clients parse that text.
/// </summary>
public static class PythonFloat
{
    public static string Format(decimal value) => Format((double)value);

    /// <summary>
    /// The same text written straight to <paramref name="writer"/>. From 1e-4 up to below 1e15 (every price and total in
    /// practice) Python's repr is .NET's shortest round-trip text when that has no exponent, with ".0" after a whole
    /// number; the rest goes through <see cref="Format(double)"/>. Written without the four strings that builds, on
    /// every amount of every answer.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, decimal value)
    {
        var number = (double)value;
        Span<byte> text = stackalloc byte[32];
        if (Math.Abs(number) is >= 1e-4 and < 1e15 && number.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture) && !text[..length].Contains((byte)'E'))
        {
            if (!text[..length].Contains((byte)'.'))
            {
                ".0"u8.CopyTo(text[length..]);
                length += 2;
            }
            writer.WriteRawValue(text[..length], skipInputValidation: true);
            return;
        }
        writer.WriteRawValue(Format(number), skipInputValidation: true);
    }

    public static string Format(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "Infinity" : "-Infinity";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";

        // .NET's "R" is the shortest text that round-trips, as Python's repr; only the layout differs.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var sign = text[0] == '-' ? "-" : "";
        if (sign.Length > 0) text = text[1..];

        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        var integral = dot < 0 ? text : text[..dot];
        var all = integral + (dot < 0 ? "" : text[(dot + 1)..]);
        var significant = all.TrimStart('0');
        // value = 0.DIGITS × 10^point, the form CPython's float_repr_style 'short' reasons in.
        var point = integral.Length + exponent - (all.Length - significant.Length);
        var digits = significant.TrimEnd('0');

        if (point > 16 || point < -3)
        {
            var mantissa = digits.Length > 1 ? $"{digits[0]}.{digits[1..]}" : digits;
            var exp = point - 1;
            return $"{sign}{mantissa}e{(exp < 0 ? '-' : '+')}{Math.Abs(exp):00}";
        }
        if (point <= 0) return $"{sign}0.{new string('0', -point)}{digits}";
        if (point >= digits.Length) return $"{sign}{digits}{new string('0', point - digits.Length)}.0";
        return $"{sign}{digits[..point]}.{digits[point..]}";
    }
}

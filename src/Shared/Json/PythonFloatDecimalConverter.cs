using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ecommerce.Shared.Json;

/// <summary>Money is <see cref="decimal"/> in code and storage (D4) but Python-float text on the wire.</summary>
public sealed class PythonFloatDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        PythonFloat.Write(writer, value);
}

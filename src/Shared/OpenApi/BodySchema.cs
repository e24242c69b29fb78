using System.Globalization;
using System.Text.Json.Nodes;
using Ecommerce.Shared.Validation;
using Microsoft.OpenApi;

namespace Ecommerce.Shared.OpenApi;

/// <summary>
/// The OpenAPI schema of a JSON body, written by running the body's reader on a <see cref="JsonFields"/> in describe mode:
/// every field the reader reads adds itself here with the constraints it enforces (required, lengths, pattern, range,
/// allowed values, default). Objects inside the body become components of their own, named after their type.
/// </summary>
public sealed class BodySchema
{
    private readonly OpenApiDocument _document;
    private readonly OpenApiSchema _schema;

    private BodySchema(OpenApiDocument document, OpenApiSchema schema)
    {
        _document = document;
        _schema = schema;
    }

    /// <summary>Adds the schema of <typeparamref name="T"/> to the document's components (once) and returns a reference to it.</summary>
    public static IOpenApiSchema Reference<T>(OpenApiDocument document, Func<JsonFields, T> read)
    {
        var name = typeof(T).Name;
        var components = document.Components ??= new OpenApiComponents();
        components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!components.Schemas.ContainsKey(name))
        {
            var schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = XmlDocs.Summary(typeof(T)),
                Properties = new Dictionary<string, IOpenApiSchema>(),
                Required = new HashSet<string>(),
            };
            components.Schemas[name] = schema;
            read(new JsonFields(new BodySchema(document, schema)));
        }
        return new OpenApiSchemaReference(name, document);
    }

    internal void String(string name, int minLength, int maxLength, string? pattern, string? fallback) => Add(name, fallback is null, new OpenApiSchema
    {
        Type = JsonSchemaType.String,
        MinLength = minLength > 0 ? minLength : null,
        MaxLength = maxLength < int.MaxValue ? maxLength : null,
        Pattern = pattern,
        Default = fallback is null ? null : JsonValue.Create(fallback),
    });

    internal void OptionalString(string name, int minLength, int maxLength) => Add(name, false, new OpenApiSchema
    {
        Type = JsonSchemaType.String | JsonSchemaType.Null,
        MinLength = minLength > 0 ? minLength : null,
        MaxLength = maxLength < int.MaxValue ? maxLength : null,
    });

    internal void Email(string name) => Add(name, true, new OpenApiSchema { Type = JsonSchemaType.String, Format = "email" });

    /// <summary>A string of known values: an enum field (422 otherwise) or a name the handler looks up (400 otherwise).</summary>
    internal void Choice(string name, IEnumerable<string> values) => Add(name, true, new OpenApiSchema
    {
        Type = JsonSchemaType.String,
        Enum = values.Select(JsonNode (value) => JsonValue.Create(value)).ToList(),
    });

    internal void Integer(string name, long? ge, long? le, int? fallback) => Add(name, fallback is null, new OpenApiSchema
    {
        Type = JsonSchemaType.Integer,
        Minimum = ge?.ToString(CultureInfo.InvariantCulture),
        Maximum = le?.ToString(CultureInfo.InvariantCulture),
        Default = fallback is { } value ? JsonValue.Create(value) : null,
    });

    internal void Number(string name, decimal? gt, decimal? le, decimal? fallback) => Add(name, fallback is null, new OpenApiSchema
    {
        Type = JsonSchemaType.Number,
        ExclusiveMinimum = gt?.ToString(CultureInfo.InvariantCulture),
        Maximum = le?.ToString(CultureInfo.InvariantCulture),
        Default = fallback is { } value ? JsonValue.Create(value) : null,
    });

    internal void List<T>(string name, int minLength, int maxLength, Func<JsonFields, T> readItem) => Add(name, true, new OpenApiSchema
    {
        Type = JsonSchemaType.Array,
        MinItems = minLength > 0 ? minLength : null,
        MaxItems = maxLength,
        Items = Reference(_document, readItem),
    });

    internal void Batch<T>(string name, int maxItems, Func<JsonFields, T> readItem) => Add(name, true, new OpenApiSchema
    {
        Type = JsonSchemaType.Array,
        MaxItems = maxItems,
        Description = $"Each element is validated on its own: valid ones go ahead, the others are reported by index. More than {maxItems} is refused whole with 413.",
        Items = Reference(_document, readItem),
    });

    internal void Object(string name) => Add(name, false, new OpenApiSchema
    {
        Type = JsonSchemaType.Object,
        AdditionalPropertiesAllowed = true,
        Default = new JsonObject(),
    });

    private void Add(string name, bool required, OpenApiSchema property)
    {
        _schema.Properties![name] = property;
        if (required) _schema.Required!.Add(name);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Ecommerce.Shared.Validation;
using Microsoft.OpenApi;

namespace Ecommerce.Shared.OpenApi;

/// <summary>The query parameters of an operation, written by running its reader on a <see cref="QueryReader"/> in describe mode.</summary>
public sealed class QuerySchema
{
    private readonly List<IOpenApiParameter> _parameters = [];

    public static IReadOnlyList<IOpenApiParameter> Of<T>(Func<QueryReader, T> read)
    {
        var schema = new QuerySchema();
        read(new QueryReader(schema));
        return schema._parameters;
    }

    internal void Integer(string name, int fallback, long? ge, long? le) => Add(name, new OpenApiSchema
    {
        Type = JsonSchemaType.Integer,
        Minimum = ge?.ToString(CultureInfo.InvariantCulture),
        Maximum = le?.ToString(CultureInfo.InvariantCulture),
        Default = JsonValue.Create(fallback),
    });

    internal void String(string name) => Add(name, new OpenApiSchema { Type = JsonSchemaType.String });

    internal void DateTime(string name) => Add(name, new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" });

    internal void Choice(string name, IReadOnlyList<string> allowed) => Add(name, new OpenApiSchema
    {
        Type = JsonSchemaType.String,
        Enum = allowed.Select(JsonNode (value) => JsonValue.Create(value)).ToList(),
    });

    private void Add(string name, OpenApiSchema schema)
    {
        // A reader may read a parameter twice (a helper and a filter); the document lists it once.
        if (_parameters.Any(p => p.Name == name)) return;
        _parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Query, Required = false, Schema = schema });
    }
}

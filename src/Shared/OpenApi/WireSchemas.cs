using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ecommerce.Shared.OpenApi;

/// <summary>
/// The schemas the generator writes from the response types: a type's XML summary as its description, and the types
/// whose JSON the wire converters write (D4, D5): money is a JSON number (a Python float), a time a string in ISO 8601
/// with <c>Z</c>. The generator cannot see through a converter and would leave them without a type.
/// </summary>
internal sealed class WireSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is null && schema.Description is null) schema.Description = XmlDocs.Summary(type);
        var nullable = Nullable.GetUnderlyingType(type) is not null;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(decimal))
        {
            schema.Type = nullable ? JsonSchemaType.Number | JsonSchemaType.Null : JsonSchemaType.Number;
            schema.Format = null;
            schema.Pattern = null;
        }
        else if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            schema.Format = "date-time";
        }
        return Task.CompletedTask;
    }
}

using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Ecommerce.Shared.OpenApi;

/// <summary>The two error bodies of the product as schemas: <c>{"detail": "..."}</c> and FastAPI's 422 (D7, D8).</summary>
internal static class ErrorSchemas
{
    public const string Detail = "ErrorDetail";
    public const string Validation = "HTTPValidationError";
    public const string ValidationEntry = "ValidationError";

    /// <summary>Adds (or replaces: the batch results hold <c>ValidationError</c> too) the error components.</summary>
    public static void AddTo(OpenApiDocument document)
    {
        var schemas = (document.Components ??= new OpenApiComponents()).Schemas ??= new Dictionary<string, IOpenApiSchema>();
        schemas[Detail] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Every error but a validation error: what went wrong, in one sentence.",
            Required = new HashSet<string> { "detail" },
            Properties = new Dictionary<string, IOpenApiSchema> { ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String } },
            Examples = [new JsonObject { ["detail"] = "Order not found" }],
        };
        schemas[Validation] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A request that does not match its schema: one entry per problem, in the order FastAPI reports them.",
            Required = new HashSet<string> { "detail" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference(ValidationEntry, document) },
            },
        };
        schemas[ValidationEntry] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One problem: its pydantic error type, where it is (body, query or path, then field names and list indexes), a message, the value received and the constraint.",
            Required = new HashSet<string> { "type", "loc", "msg", "input" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                // Each part is a string or an integer. Written without a type rather than as anyOf[string, integer], which
                // NSwag turns into an object class that cannot read "body": generated clients could not read a 422.
                ["loc"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema { Description = "A string (body, query, path, a field name) or an integer (a list index)." },
                },
                ["msg"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["input"] = new OpenApiSchema { Description = "The value received, of any JSON type (null when the field is missing)." },
                ["ctx"] = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true },
            },
            Examples =
            [
                new JsonObject
                {
                    ["type"] = "string_too_short",
                    ["loc"] = new JsonArray("body", "customer_name"),
                    ["msg"] = "String should have at least 1 character",
                    ["input"] = "",
                    ["ctx"] = new JsonObject { ["min_length"] = 1 },
                },
            ],
        };
    }
}

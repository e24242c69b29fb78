using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Idempotency;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Ecommerce.Shared.OpenApi;

/// <summary>
/// Writes what an operation takes and answers from what the code enforces, the same way for every module: path ids,
/// the query and the body from their readers (<see cref="IQueryRequest{TSelf}"/>, <see cref="IJsonRequest{TSelf}"/>),
/// the errors the platform answers with (422, 400, 413, 429, 409, 504) and the handler's own (<see cref="ErrorResponses"/>),
/// the summary from the handler's XML doc.
/// </summary>
internal sealed partial class OperationContract : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("The operation's document is not available.");
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var handler = metadata.OfType<MethodInfo>().FirstOrDefault();
        operation.Summary ??= handler is null ? null : XmlDocs.Summary(handler);
        operation.Parameters ??= [];
        operation.Responses ??= new OpenApiResponses();
        var validated = false;

        // PathIds: every route parameter of this API is an integer id.
        foreach (Match parameter in RouteParameter().Matches(context.Description.RelativePath ?? ""))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Groups["name"].Value,
                In = ParameterLocation.Path,
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            });
            validated = true;
        }

        foreach (var type in handler?.GetParameters().Select(p => p.ParameterType) ?? [])
        {
            if (Implements(type, typeof(IQueryRequest<>)))
            {
                foreach (var parameter in (IReadOnlyList<IOpenApiParameter>)Invoke(nameof(Query), type, null)) operation.Parameters.Add(parameter);
                validated = true;
            }
            else if (type == typeof(ReturnPreference))
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "Prefer",
                    In = ParameterLocation.Header,
                    Description = "return=minimal leaves each created item's representation out of the answer (Preference-Applied says it did).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("return=minimal")] },
                });
            }
            else if (Implements(type, typeof(IJsonRequest<>)))
            {
                operation.RequestBody = (IOpenApiRequestBody)Invoke(nameof(Body), type, document);
                AddError(operation, document, StatusCodes.Status400BadRequest, "The body is not UTF-8.");
                AddError(operation, document, StatusCodes.Status413PayloadTooLarge, "The body is over the size limit, or a batch holds more items than it may.");
                validated = true;
            }
        }

        if (metadata.OfType<IdempotentEndpoint>().Any())
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyKeys.Header,
                In = ParameterLocation.Header,
                Description = "Optional. A repeat with the same key and body gets the first answer again (with Idempotent-Replayed: true) and does nothing.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyRecord.MaxKeyLength },
            });
            AddError(operation, document, StatusCodes.Status400BadRequest, "The Idempotency-Key is not 1 to 255 printable ASCII characters.");
            AddError(operation, document, StatusCodes.Status409Conflict, "A request with the same Idempotency-Key is still running.");
            validated = true; // the same key with another body
        }
        if (validated) AddValidationError(operation, document);
        if (metadata.OfType<EnableRateLimitingAttribute>().Any()) AddRateLimited(operation, document);
        foreach (var status in metadata.OfType<ErrorResponses>().SelectMany(e => e.Statuses)) AddError(operation, document, status, null);
        AddError(operation, document, StatusCodes.Status504GatewayTimeout, "The request took longer than the server's request timeout.");
        if (metadata.OfType<RequiredScope>().FirstOrDefault() is { } required
            && context.ApplicationServices.GetRequiredService<ApiAuthSettings>().Enabled)
        {
            SecuritySchemes.Require(operation, document, required.Scope);
            AddError(operation, document, StatusCodes.Status401Unauthorized, "No API key or token, or not a valid one.");
            AddError(operation, document, StatusCodes.Status403Forbidden, $"The credential does not hold the scope {required.Scope}.");
        }
        return Task.CompletedTask;
    }

    private static IReadOnlyList<IOpenApiParameter> Query<T>(OpenApiDocument? _) where T : IQueryRequest<T> => QuerySchema.Of(T.Read);

    private static IOpenApiRequestBody Body<T>(OpenApiDocument? document) where T : IJsonRequest<T> => new OpenApiRequestBody
    {
        Required = true,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new()
            {
                Schema = BodySchema.Reference(document!, T.Read),
                Example = JsonSerializer.SerializeToNode(T.Example, WireJson.Options),
            },
        },
    };

    private static object Invoke(string method, Type type, OpenApiDocument? document) =>
        typeof(OperationContract).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).Invoke(null, [document])!;

    private static bool Implements(Type type, Type contract) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == contract);

    private static void AddValidationError(OpenApiOperation operation, OpenApiDocument document) =>
        Add(operation, StatusCodes.Status422UnprocessableEntity, "Validation Error", ErrorSchemas.Validation, document);

    private static void AddRateLimited(OpenApiOperation operation, OpenApiDocument document)
    {
        var response = Add(operation, StatusCodes.Status429TooManyRequests, "Too Many Requests: over the limit of this channel (Notifications:RateLimitPerSecond).", ErrorSchemas.Detail, document);
        response.Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Retry-After"] = new OpenApiHeader
            {
                Description = "Whole seconds until a request can be accepted again (at least 1).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
            },
        };
    }

    private static void AddError(OpenApiOperation operation, OpenApiDocument document, int status, string? why)
    {
        var phrase = ReasonPhrases.GetReasonPhrase(status);
        Add(operation, status, why is null ? phrase : $"{phrase}: {why}", ErrorSchemas.Detail, document);
    }

    /// <summary>Adds a response once; a second cause of the same status joins the first's description.</summary>
    private static OpenApiResponse Add(OpenApiOperation operation, int status, string description, string schema, OpenApiDocument document)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var existing) && existing is OpenApiResponse known)
        {
            if (known.Description is { } first && !first.Contains(description, StringComparison.Ordinal))
                known.Description = $"{first} {description[(description.IndexOf(':') + 1)..].Trim()}";
            return known;
        }
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(schema, document) } },
        };
        operation.Responses[key] = response;
        return response;
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*\}", RegexOptions.NonBacktracking)]
    private static partial Regex RouteParameter();
}

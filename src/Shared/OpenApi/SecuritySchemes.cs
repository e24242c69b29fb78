using Ecommerce.Shared.Security;
using Microsoft.OpenApi;

namespace Ecommerce.Shared.OpenApi;

/// <summary>
/// With API authentication on, what a document declares of it (FastAPI's scheme names): an API key in <c>X-API-Key</c> or a
/// bearer token, either for each operation, with the scope it needs. Off, the documents say nothing of it, as the original's.
/// </summary>
internal static class SecuritySchemes
{
    public const string ApiKey = "APIKeyHeader";
    public const string Bearer = "HTTPBearer";

    public static void Require(OpenApiOperation operation, OpenApiDocument document, string scope)
    {
        AddTo(document);
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [scope] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [scope] },
        ];
    }

    private static void AddTo(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes.TryAdd(ApiKey, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiAuthentication.KeyHeader,
            Description = "An API key (Auth:ApiKeys); each key holds scopes, each operation needs one.",
        });
        document.Components.SecuritySchemes.TryAdd(Bearer, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A token from the configured identity provider (scopes in its scope or scp claim), or an API key as the bearer token.",
        });
    }
}

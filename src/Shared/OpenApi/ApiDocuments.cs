namespace Ecommerce.Shared.OpenApi;

public static class ApiDocuments
{
    /// <summary>The OpenAPI document of one module (served at <c>/openapi.json</c> on its port), built the same way for all.</summary>
    public static void AddApiDocument(this IServiceCollection services, string module) =>
        services.AddOpenApi(module.ToLowerInvariant(), options =>
        {
            options.AddSchemaTransformer<WireSchemas>();
            options.AddOperationTransformer<OperationContract>();
            options.AddDocumentTransformer(new DocumentShape(module));
        });
}

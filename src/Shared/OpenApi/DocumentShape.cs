using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ecommerce.Shared.OpenApi;

/// <summary>
/// The finishing of each module's document: the title, the collection paths as the original documented them (with
/// their trailing slash: <c>/api/v1/orders/</c>), no <c>servers</c> (a client's base URL is wherever it reached the
/// document), the error schemas, and no component that nothing refers to (the CLR shapes the body readers replaced).
/// </summary>
internal sealed class DocumentShape(string module) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = $"{module} API",
            Version = "1.0.0",
            Description = $"The {module} service of the e-commerce platform: every route under /api/v1 on its own port.",
        };
        document.Servers = null;
        foreach (var description in context.DescriptionGroups.SelectMany(g => g.Items))
        {
            if (description.RelativePath is not { } path || !path.EndsWith('/')) continue;
            var documented = "/" + path.TrimEnd('/');
            if (document.Paths.Remove(documented, out var item)) document.Paths["/" + path] = item;
        }
        ErrorSchemas.AddTo(document);
        RemoveUnreferenced(document);
        return Task.CompletedTask;
    }

    private static void RemoveUnreferenced(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { } schemas) return;
        var used = new HashSet<string>();
        var pending = new Stack<IOpenApiSchema?>();
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var parameter in operation.Parameters ?? []) pending.Push(parameter.Schema);
            foreach (var media in operation.RequestBody?.Content?.Values ?? []) pending.Push(media.Schema);
            foreach (var media in operation.Responses?.Values.SelectMany(r => r.Content?.Values ?? []) ?? []) pending.Push(media.Schema);
        }
        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference { Reference.Id: { } id })
            {
                if (used.Add(id) && schemas.TryGetValue(id, out var target)) pending.Push(target);
                continue;
            }
            if (schema is null) continue;
            foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []))
                pending.Push(child);
            pending.Push(schema.Items);
            pending.Push(schema.AdditionalProperties);
        }
        foreach (var name in schemas.Keys.Where(name => !used.Contains(name)).ToList()) schemas.Remove(name);
    }
}

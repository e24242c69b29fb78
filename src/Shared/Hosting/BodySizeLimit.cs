using Microsoft.AspNetCore.Http.Features;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// Endpoint metadata: a body limit of its own (D25: bulk endpoints document theirs), applied right after routing,
/// before the body is read. Everything else keeps Kestrel's 1 MiB.
/// </summary>
public sealed record BodySizeLimit(long Bytes)
{
    /// <summary>10,000 orders of a few items each fit with room to spare.</summary>
    public static readonly BodySizeLimit Bulk = new(64L * 1024 * 1024);

    internal static Task Apply(HttpContext context, Func<Task> next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<BodySizeLimit>() is { } limit
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit.Bytes;
        return next();
    }
}

public static class BulkEndpointExtensions
{
    /// <summary>A bulk or batch endpoint: the 64 MiB body limit and the bulk request timeout (<c>Limits:BulkRequestTimeoutSeconds</c>).</summary>
    public static TBuilder AsBulkEndpoint<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder
    {
        endpoint.WithMetadata(BodySizeLimit.Bulk);
        endpoint.WithRequestTimeout(ServerLimits.BulkTimeoutPolicy);
        return endpoint;
    }
}

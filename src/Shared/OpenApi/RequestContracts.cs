using Ecommerce.Shared.Validation;

namespace Ecommerce.Shared.OpenApi;

/// <summary>
/// A JSON request body. Its <see cref="Read"/> is the one statement of its fields: run on a request it validates (FastAPI's
/// 422s), run on a <see cref="BodySchema"/> it writes the body's OpenAPI schema, so the document cannot drift from the code.
/// </summary>
public interface IJsonRequest<out TSelf>
{
    static abstract TSelf Read(JsonFields body);

    /// <summary>A valid body, as a client would send it (checked against <see cref="Read"/> by a test): the document's example.</summary>
    static abstract object Example { get; }
}

/// <summary>Query parameters read the same way: <see cref="Read"/> both validates a request and documents its parameters.</summary>
public interface IQueryRequest<out TSelf>
{
    static abstract TSelf Read(QueryReader query);
}

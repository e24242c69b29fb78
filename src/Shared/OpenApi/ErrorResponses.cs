namespace Ecommerce.Shared.OpenApi;

/// <summary>
/// Endpoint metadata: the business errors (<c>{"detail"}</c>) a handler answers with, beside the ones the platform adds by
/// itself to every operation that has a body, an id, a query, a rate limit or an idempotency key.
/// </summary>
public sealed record ErrorResponses(IReadOnlyList<int> Statuses);

public static class ErrorResponsesExtensions
{
    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder endpoint, params int[] statuses) =>
        endpoint.WithMetadata(new ErrorResponses(statuses));
}

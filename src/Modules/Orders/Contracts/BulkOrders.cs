using System.Text.Json.Serialization;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Orders.Contracts;

/// <summary>
/// Additive: up to 10,000 orders in one request, each validated on its own as POST /orders would, with an optional
/// <c>external_id</c> that makes re-sending the same file safe.
/// </summary>
public sealed record BulkOrdersRequest(IReadOnlyList<BatchItem<BulkOrder>> Orders)
{
    public const int MaxItems = 10_000;

    public static ValueTask<BulkOrdersRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    internal static BulkOrdersRequest Read(JsonFields body) => new(body.Batch("orders", MaxItems, BulkOrder.Read));
}

public sealed record BulkOrder(CreateOrderRequest Order, string? ExternalId)
{
    internal static BulkOrder Read(JsonFields item) =>
        new(CreateOrderRequest.Read(item), item.OptionalString("external_id", minLength: 1, maxLength: 100));
}

public sealed record BulkOrdersResponse(int Created, int Existing, int Failed, IReadOnlyList<BulkOrderResult> Results);

/// <summary>status: created, existing (same external_id seen before) or invalid (with FastAPI's 422 entries).</summary>
public sealed record BulkOrderResult(
    int Index,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OrderResponse? Order = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ValidationError>? Errors = null);

/// <summary>Payments' batch webhook: the fields of contract 5.3, with the order id, for a chunk of payments.</summary>
public sealed record PaymentWebhookBatchRequest(IReadOnlyList<BatchItem<PaymentWebhookItem>> Webhooks)
{
    public static ValueTask<PaymentWebhookBatchRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    internal static PaymentWebhookBatchRequest Read(JsonFields body) => new(body.Batch("webhooks", BulkOrdersRequest.MaxItems, PaymentWebhookItem.Read));
}

public sealed record PaymentWebhookItem(int OrderId, PaymentWebhookRequest Webhook)
{
    internal static PaymentWebhookItem Read(JsonFields item) => new(item.Int("order_id"), PaymentWebhookRequest.Read(item));
}

public sealed record PaymentWebhookBatchResponse(int Applied, IReadOnlyList<PaymentWebhookBatchResult> Results);

public sealed record PaymentWebhookBatchResult(
    int Index,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ValidationError>? Errors = null);

using System.Text.Json.Serialization;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Orders.Contracts;

/// <summary>
/// Additive: up to 10,000 orders in one request, each validated on its own as POST /orders would, with an optional
/// <c>external_id</c> that makes re-sending the same file safe.
/// </summary>
public sealed record BulkOrdersRequest(IReadOnlyList<BatchItem<BulkOrder>> Orders) : IJsonRequest<BulkOrdersRequest>
{
    public static object Example { get; } = new
    {
        Orders = new[]
        {
            new { CustomerEmail = "tanaka@example.co.jp", CustomerName = "田中太郎", Items = new[] { new OrderItemRequest("ノートPC", 1, 89800.0m) }, Currency = "JPY", ExternalId = "shop-10001" },
            new { CustomerEmail = "suzuki@example.co.jp", CustomerName = "鈴木花子", Items = new[] { new OrderItemRequest("マウス", 2, 3500.0m) }, Currency = "JPY", ExternalId = "shop-10002" },
        },
    };

    public const int MaxItems = 10_000;

    public static ValueTask<BulkOrdersRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    public static BulkOrdersRequest Read(JsonFields body) => new(body.Batch("orders", MaxItems, BulkOrder.Read));
}

/// <summary>One order of a bulk import: the fields of a new order, and an optional external_id that makes it safe to send again.</summary>
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

/// <summary>Payment results for many orders at once.</summary>
/// <remarks>Payments' batch webhook: the fields of contract 5.3, with the order id, for a chunk of payments.</remarks>
public sealed record PaymentWebhookBatchRequest(IReadOnlyList<BatchItem<PaymentWebhookItem>> Webhooks) : IJsonRequest<PaymentWebhookBatchRequest>
{
    public static object Example { get; } = new
    {
        Webhooks = new[] { new { OrderId = 1, PaymentStatus = PaymentWebhookRequest.Completed, TransactionId = "txn_3f9c2a7b1d8e4f60" } },
    };

    public static ValueTask<PaymentWebhookBatchRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    public static PaymentWebhookBatchRequest Read(JsonFields body) => new(body.Batch("webhooks", BulkOrdersRequest.MaxItems, PaymentWebhookItem.Read));
}

/// <summary>One payment result: the order and what its charge did.</summary>
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

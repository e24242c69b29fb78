using Ecommerce.Orders.Domain;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Orders.Contracts;

/// <summary>The status to move an order to.</summary>
/// <remarks>PUT /orders/{id}/status: a value outside the five statuses is 422 (D12).</remarks>
public sealed record UpdateStatusRequest(string Status) : IJsonRequest<UpdateStatusRequest>
{
    public static object Example { get; } = new UpdateStatusRequest(OrderStatus.Shipped);

    public static ValueTask<UpdateStatusRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    public static UpdateStatusRequest Read(JsonFields body) => new(body.Choice("status", OrderStatus.All));
}

/// <summary>What Payments reports about an order's charge.</summary>
/// <remarks>Contract 5.3 / D16: the payment webhook's body.</remarks>
public sealed record PaymentWebhookRequest(string PaymentStatus, string TransactionId) : IJsonRequest<PaymentWebhookRequest>
{
    public static object Example { get; } = new PaymentWebhookRequest(Completed, "txn_3f9c2a7b1d8e4f60");

    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Refunded = "refunded";

    public static ValueTask<PaymentWebhookRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    public static PaymentWebhookRequest Read(JsonFields body) => new(
        body.Choice("payment_status", [Completed, Failed, Refunded]), body.String("transaction_id"));
}

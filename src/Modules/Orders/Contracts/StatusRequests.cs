using Ecommerce.Orders.Domain;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Orders.Contracts;

/// <summary>PUT /orders/{id}/status: a value outside the five statuses is 422 (D12).</summary>
public sealed record UpdateStatusRequest(string Status)
{
    public static ValueTask<UpdateStatusRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    internal static UpdateStatusRequest Read(JsonFields body) => new(body.Choice("status", OrderStatus.All));
}

/// <summary>Contract 5.3 / D16: the payment webhook's body.</summary>
public sealed record PaymentWebhookRequest(string PaymentStatus, string TransactionId)
{
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Refunded = "refunded";

    public static ValueTask<PaymentWebhookRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    internal static PaymentWebhookRequest Read(JsonFields body) => new(
        body.Choice("payment_status", [Completed, Failed, Refunded]), body.String("transaction_id"));
}

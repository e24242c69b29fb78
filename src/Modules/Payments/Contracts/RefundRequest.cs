using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Payments.Contracts;

/// <summary>The payment to refund, and why.</summary>
public sealed record RefundRequest(int PaymentId, string Reason) : IJsonRequest<RefundRequest>
{
    public static object Example { get; } = new RefundRequest(1, "Order cancelled by the customer");

    public static ValueTask<RefundRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    public static RefundRequest Read(JsonFields body) => new(body.Int("payment_id"), body.String("reason"));
}

using Ecommerce.Shared.Validation;

namespace Ecommerce.Payments.Contracts;

public sealed record RefundRequest(int PaymentId, string Reason)
{
    public static ValueTask<RefundRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    internal static RefundRequest Read(JsonFields body) => new(body.Int("payment_id"), body.String("reason"));
}

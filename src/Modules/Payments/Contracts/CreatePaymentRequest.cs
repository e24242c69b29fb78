using Ecommerce.Payments.Domain;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Payments.Contracts;

public sealed record CreatePaymentRequest(int OrderId, decimal Amount, string Currency, string PaymentMethod)
{
    public static ValueTask<CreatePaymentRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    // The amount's range is a business rule (400, D17); only its type is schema (422).
    internal static CreatePaymentRequest Read(JsonFields body) => new(
        body.Int("order_id", ge: 1),
        body.Number("amount"),
        body.String("currency", pattern: "^[A-Z]{3}$", fallback: "JPY"),
        body.String("payment_method", minLength: 1, maxLength: 64, fallback: Payment.DefaultMethod));
}

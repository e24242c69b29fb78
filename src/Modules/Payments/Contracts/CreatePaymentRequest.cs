using Ecommerce.Payments.Domain;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Payments.Contracts;

/// <summary>A charge for an order (the amount's range, 100 to 1,000,000 JPY, is checked as a 400).</summary>
public sealed record CreatePaymentRequest(int OrderId, decimal Amount, string Currency, string PaymentMethod)
    : IJsonRequest<CreatePaymentRequest>
{
    public static object Example { get; } = new CreatePaymentRequest(1, 183100.0m, "JPY", Payment.DefaultMethod);

    public static ValueTask<CreatePaymentRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    // The amount's range is a business rule (400, D17); only its type is schema (422).
    public static CreatePaymentRequest Read(JsonFields body) => new(
        body.Int("order_id", ge: 1),
        body.Number("amount"),
        body.String("currency", pattern: "^[A-Z]{3}$", fallback: "JPY"),
        body.String("payment_method", minLength: 1, maxLength: 64, fallback: Payment.DefaultMethod));
}

using System.Text.Json.Serialization;
using Ecommerce.Payments.Domain;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Payments.Contracts;

/// <summary>Additive: many payments in one call, each under the rules of POST /payments (limits, one per order).</summary>
public sealed record PaymentBatchRequest(IReadOnlyList<BatchItem<CreatePaymentRequest>> Payments) : IJsonRequest<PaymentBatchRequest>
{
    public static object Example { get; } = new { Payments = new[] { CreatePaymentRequest.Example, new CreatePaymentRequest(2, 3500.0m, "JPY", Payment.DefaultMethod) } };

    public const int MaxItems = 10_000;

    public static ValueTask<PaymentBatchRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    public static PaymentBatchRequest Read(JsonFields body) => new(body.Batch("payments", MaxItems, CreatePaymentRequest.Read));
}

public sealed record PaymentBatchResponse(int Created, int Failed, IReadOnlyList<PaymentBatchResult> Results);

/// <summary>
/// A created item has its payment's <c>id</c> and <c>payment_status</c>, and the whole payment unless the caller sent
/// <c>Prefer: return=minimal</c>.
/// </summary>
public sealed record PaymentBatchResult(
    int Index,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Id = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PaymentStatus = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PaymentResponse? Payment = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ValidationError>? Errors = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null);

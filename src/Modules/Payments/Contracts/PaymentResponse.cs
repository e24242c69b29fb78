namespace Ecommerce.Payments.Contracts;

public sealed record PaymentResponse(
    int Id, int OrderId, decimal Amount, string Currency, string Status, string PaymentMethod,
    string TransactionId, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record RefundResponse(int Id, int PaymentId, decimal Amount, string Reason, string Status, DateTime CreatedAt);

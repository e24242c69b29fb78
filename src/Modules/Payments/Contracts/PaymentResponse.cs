namespace Ecommerce.Payments.Contracts;

/// <summary>The payment of an order: completed, failed or refunded.</summary>
public sealed record PaymentResponse(
    int Id, int OrderId, decimal Amount, string Currency, string Status, string PaymentMethod,
    string TransactionId, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A refund of a whole payment.</summary>
public sealed record RefundResponse(int Id, int PaymentId, decimal Amount, string Reason, string Status, DateTime CreatedAt);

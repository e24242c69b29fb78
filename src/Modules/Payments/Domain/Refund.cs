namespace Ecommerce.Payments.Domain;

internal sealed class Refund
{
    public int Id { get; private set; }
    public int PaymentId { get; private set; }
    public decimal Amount { get; private set; }
    public string Reason { get; private set; } = "";
    public string Status { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    /// <summary>D19: always the full amount, completed at once.</summary>
    public static Refund Full(Payment payment, string reason, DateTime now) => new()
    {
        PaymentId = payment.Id,
        Amount = payment.Amount,
        Reason = reason,
        Status = PaymentStatus.Completed,
        CreatedAt = now,
    };
}

using Ecommerce.Shared.Json;
using Ecommerce.Shared.Stats;

namespace Ecommerce.Payments.Domain;

internal sealed class Payment : ICreated
{
    /// <summary>D17: the processor's per-transaction limits, whatever the currency.</summary>
    public const decimal MinAmount = 100m;
    public const decimal MaxAmount = 1_000_000m;
    public const string DefaultMethod = "credit_card";

    public int Id { get; private set; }
    public int OrderId { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = "";
    public string Status { get; private set; } = "";
    public string PaymentMethod { get; private set; } = "";
    public string TransactionId { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>D17: one payment per order (the contract's 400 detail; the endpoint turns it into the answer).</summary>
    public static string AlreadyExists(int orderId) => $"Payment already exists for order {orderId}";

    /// <summary>D17: null when the processor takes the amount, else why not, in the contract's words.</summary>
    public static string? RefusesAmount(decimal amount) =>
        amount is < MinAmount or > MaxAmount ? $"Amount must be between 100 and 1,000,000 JPY, got {PythonFloat.Format(amount)}" : null;

    /// <summary>The simulated processor accepts every amount within the limits at once (ask <see cref="RefusesAmount"/> first).</summary>
    public static Payment Charge(int orderId, decimal amount, string currency, string method, DateTime now)
    {
        if (RefusesAmount(amount) is { } refused) throw new InvalidOperationException(refused);
        return new Payment
        {
            OrderId = orderId,
            Amount = amount,
            Currency = currency,
            Status = PaymentStatus.Completed,
            PaymentMethod = method,
            TransactionId = Guid.NewGuid().ToString(),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}

namespace Ecommerce.Payments.Domain;

internal static class PaymentStatus
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Refunded = "refunded";

    public static readonly IReadOnlyList<string> All = [Pending, Completed, Failed, Refunded];
}

namespace Ecommerce.Orders.Domain;

/// <summary>
/// D12, the one state machine of an order. pending→paid happens only through the payment webhook;
/// a refund cancels from any status (D16), which is the webhook's own path, not this table.
/// </summary>
internal static class OrderStatus
{
    public const string Pending = "pending";
    public const string Paid = "paid";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Pending, Paid, Shipped, Delivered, Cancelled];

    private static readonly HashSet<(string From, string To)> Allowed =
    [
        (Pending, Paid), (Pending, Cancelled), (Paid, Shipped), (Paid, Cancelled), (Shipped, Delivered),
    ];

    public static bool CanChange(string from, string to) => Allowed.Contains((from, to));

    /// <summary>Why an order may not move (the contract's 400 detail; the endpoint turns it into the answer).</summary>
    public static string Refusal(string from, string to) => $"Cannot change order status from '{from}' to '{to}'";
}

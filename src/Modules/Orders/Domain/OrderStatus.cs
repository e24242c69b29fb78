using Ecommerce.Shared.Errors;

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

    public static ApiException CannotChange(string from, string to) =>
        ApiError.BadRequest($"Cannot change order status from '{from}' to '{to}'");

    /// <summary>The changes a client may ask for with PUT /status (paid is the payment's alone).</summary>
    public static void EnsureClientMayChange(string from, string to)
    {
        if (to == Paid || !CanChange(from, to)) throw CannotChange(from, to);
    }
}

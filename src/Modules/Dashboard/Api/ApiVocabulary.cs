namespace Ecommerce.Dashboard.Api;

/// <summary>
/// What the dashboard, like any client of the three APIs, knows of their public contract (docs/api.md): the values it
/// offers in filters and forms, and the order changes a client may ask for. One place, not a copy per page. The APIs stay
/// the authority: what they refuse is shown in their own words.
/// </summary>
public static class ApiVocabulary
{
    public static readonly IReadOnlyList<string> OrderStatuses = ["pending", "paid", "shipped", "delivered", "cancelled"];

    public static readonly IReadOnlyList<string> PaymentStatuses = ["pending", "completed", "failed", "refunded"];

    public static readonly IReadOnlyList<string> Templates =
        ["ORDER_CONFIRMATION", "ORDER_SHIPPED", "ORDER_DELIVERED", "ORDER_CANCELLED", "PAYMENT_FAILED"];

    /// <summary>What became of a notification after it was accepted (GET /notifications/{id}/delivery).</summary>
    public static readonly IReadOnlyList<string> DeliveryStates = ["queued", "delivered", "failed", "logged"];

    /// <summary>An order's currency when the client names none.</summary>
    public const string DefaultCurrency = "JPY";

    public const string DefaultRefundReason = "Order cancelled by customer";

    /// <summary>
    /// The changes a client may ask for from this status: paid → shipped → delivered, and cancel while pending or paid.
    /// pending → paid is the payment's alone, and a refund (Payments) cancels from any status: neither is an order action.
    /// </summary>
    public static IReadOnlyList<OrderAction> ActionsFor(string status) => status switch
    {
        "pending" => [OrderAction.Cancel],
        "paid" => [OrderAction.Ship, OrderAction.Cancel],
        "shipped" => [OrderAction.Deliver],
        _ => [],
    };
}

/// <summary>A change the order page offers; <see cref="ApiVocabulary.ActionsFor"/> says when.</summary>
public enum OrderAction
{
    Ship,
    Deliver,
    Cancel,
}

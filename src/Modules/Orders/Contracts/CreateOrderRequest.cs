using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Orders.Contracts;

/// <summary>A new order: the customer, 1 to 100 items and the currency (JPY when absent).</summary>
/// <remarks>D10: the original's OrderCreate model, field by field, in declaration order.</remarks>
public sealed record CreateOrderRequest(string CustomerEmail, string CustomerName, IReadOnlyList<OrderItemRequest> Items, string Currency)
    : IJsonRequest<CreateOrderRequest>
{
    public static object Example { get; } = new CreateOrderRequest("tanaka@example.co.jp", "田中太郎",
        [new OrderItemRequest("ノートPC", 2, 89800.0m), new OrderItemRequest("マウス", 1, 3500.0m)], "JPY");

    public static ValueTask<CreateOrderRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    public static CreateOrderRequest Read(JsonFields body) => new(
        body.Email("customer_email"),
        body.String("customer_name", minLength: 1, maxLength: 200),
        body.List("items", minLength: 1, maxLength: 100, OrderItemRequest.Read),
        body.String("currency", pattern: "^[A-Z]{3}$", fallback: "JPY"));
}

/// <summary>One line of a new order.</summary>
public sealed record OrderItemRequest(string ProductName, int Quantity, decimal UnitPrice)
{
    internal static OrderItemRequest Read(JsonFields item) => new(
        item.String("product_name", minLength: 1, maxLength: 200),
        item.Int("quantity", ge: 1, le: 10_000),
        item.Number("unit_price", gt: 0m));
}

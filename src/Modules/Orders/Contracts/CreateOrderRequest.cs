using Ecommerce.Shared.Validation;

namespace Ecommerce.Orders.Contracts;

/// <summary>D10: the original's OrderCreate model, field by field, in declaration order.</summary>
public sealed record CreateOrderRequest(string CustomerEmail, string CustomerName, IReadOnlyList<OrderItemRequest> Items, string Currency)
{
    public static ValueTask<CreateOrderRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    internal static CreateOrderRequest Read(JsonFields body) => new(
        body.Email("customer_email"),
        body.String("customer_name", minLength: 1, maxLength: 200),
        body.List("items", minLength: 1, maxLength: 100, OrderItemRequest.Read),
        body.String("currency", pattern: "^[A-Z]{3}$", fallback: "JPY"));
}

public sealed record OrderItemRequest(string ProductName, int Quantity, decimal UnitPrice)
{
    internal static OrderItemRequest Read(JsonFields item) => new(
        item.String("product_name", minLength: 1, maxLength: 200),
        item.Int("quantity", ge: 1, le: 10_000),
        item.Number("unit_price", gt: 0m));
}

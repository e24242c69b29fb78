namespace Ecommerce.Orders.Contracts;

public sealed record OrderResponse(
    int Id, string CustomerEmail, string CustomerName, string Status, decimal TotalAmount, string Currency,
    DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<OrderItemResponse> Items);

public sealed record OrderItemResponse(int Id, string ProductName, int Quantity, decimal UnitPrice);

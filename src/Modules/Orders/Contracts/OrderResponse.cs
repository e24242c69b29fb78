namespace Ecommerce.Orders.Contracts;

/// <summary>An order: its status (pending, paid, shipped, delivered, cancelled), total (sum of quantity × unit price) and items.</summary>
public sealed record OrderResponse(
    int Id, string CustomerEmail, string CustomerName, string Status, decimal TotalAmount, string Currency,
    DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<OrderItemResponse> Items);

/// <summary>One line of an order.</summary>
public sealed record OrderItemResponse(int Id, string ProductName, int Quantity, decimal UnitPrice);

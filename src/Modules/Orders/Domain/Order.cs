using Ecommerce.Shared.Stats;

namespace Ecommerce.Orders.Domain;

internal sealed class Order : ICreated
{
    public int Id { get; private set; }
    public string CustomerEmail { get; private set; } = "";
    public string CustomerName { get; private set; } = "";
    public string Status { get; private set; } = "";
    public decimal TotalAmount { get; private set; }
    public string Currency { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public List<OrderItem> Items { get; private set; } = [];

    /// <summary>The client's own reference from a bulk import; unique, so re-sending a file creates nothing twice.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>
    /// D12 as the order decides it: null when a client may move it to <paramref name="to"/> (paid is its payment's alone),
    /// else why not, in the contract's words.
    /// </summary>
    public string? RefusesClientMove(string to) => to == OrderStatus.Paid || !OrderStatus.CanChange(Status, to) ? OrderStatus.Refusal(Status, to) : null;

    /// <summary>Null when its payment may mark it paid (it is pending, or already paid by the same news), else why not.</summary>
    public string? RefusesPayment() => Status is OrderStatus.Pending or OrderStatus.Paid ? null : OrderStatus.Refusal(Status, OrderStatus.Paid);

    /// <summary>Mirrors a status change the database has just applied (see OrderQueries.TryMoveAsync).</summary>
    public void Moved(string status, DateTime now)
    {
        Status = status;
        UpdatedAt = now;
    }

    /// <summary>Points the items at the id the order has just been stored with (inserts that bypass the change tracker).</summary>
    public void LinkItemsToId()
    {
        foreach (var item in Items) item.BelongTo(Id);
    }

    /// <summary>D13: a new order is pending until its payment's webhook says otherwise; the total is exact.</summary>
    public static Order Place(string customerEmail, string customerName, string currency, IEnumerable<OrderItem> items, DateTime now,
        string? externalId = null)
    {
        var lines = items.ToList();
        return new Order
        {
            CustomerEmail = customerEmail,
            CustomerName = customerName,
            Currency = currency,
            Status = OrderStatus.Pending,
            TotalAmount = lines.Sum(i => i.Quantity * i.UnitPrice),
            CreatedAt = now,
            UpdatedAt = now,
            Items = lines,
            ExternalId = externalId,
        };
    }
}

internal sealed class OrderItem
{
    public int Id { get; private set; }
    public int OrderId { get; private set; }
    public string ProductName { get; private set; } = "";
    public int Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }

    public void BelongTo(int orderId) => OrderId = orderId;

    public static OrderItem Of(string productName, int quantity, decimal unitPrice) =>
        new() { ProductName = productName, Quantity = quantity, UnitPrice = unitPrice };
}

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>Request bodies as a client of the original sends them (snake_case, the contract's example values).</summary>
public static class Requests
{
    public static object Order(decimal unitPrice = 89800.0m, int quantity = 2, string email = "tanaka@example.co.jp") => new
    {
        customer_email = email,
        customer_name = "田中太郎",
        items = new object[]
        {
            new { product_name = "ノートPC", quantity, unit_price = unitPrice },
            new { product_name = "マウス", quantity = 1, unit_price = 3500.0m },
        },
        currency = "JPY",
    };

    public static object Payment(int orderId, decimal amount = 183100.0m) => new { order_id = orderId, amount, currency = "JPY" };

    public static object Email(int orderId, string template = "ORDER_CONFIRMATION", string to = "tanaka@example.co.jp") => new
    {
        order_id = orderId,
        to_email = to,
        template_name = template,
        template_data = new { order_id = orderId, customer_name = "田中太郎", total_amount = 183100, currency = "JPY", item_count = 2 },
    };
}

using Ecommerce.Orders.Domain;

namespace Ecommerce.Orders.Clients;

/// <summary>Which email an order event sends, and the template_data of contract 4.1 built from the order.</summary>
internal sealed class OrderNotifier(NotificationsClient notifications)
{
    public const string Confirmation = "ORDER_CONFIRMATION";
    public const string PaymentFailed = "PAYMENT_FAILED";
    public const string Cancelled = "ORDER_CANCELLED";

    /// <summary>D15 and D14: the email a status change sends.</summary>
    public static string ForStatus(string status) => status switch
    {
        OrderStatus.Shipped => "ORDER_SHIPPED",
        OrderStatus.Delivered => "ORDER_DELIVERED",
        OrderStatus.Cancelled => Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No email for this status"),
    };

    public Task<bool> SendAsync(Order order, string templateName, string? reason = null) =>
        notifications.SendEmailAsync(Message(order, templateName, reason));

    public Task<bool> SendBatchAsync(IEnumerable<(Order Order, string TemplateName, string? Reason)> emails) =>
        notifications.SendEmailBatchAsync(emails.Select(e => Message(e.Order, e.TemplateName, e.Reason)).ToList());

    private static EmailMessage Message(Order order, string templateName, string? reason)
    {
        var data = new Dictionary<string, object>
        {
            ["order_id"] = order.Id,
            ["customer_name"] = order.CustomerName,
            ["total_amount"] = order.TotalAmount,
            ["currency"] = order.Currency,
            ["item_count"] = order.Items.Count,
        };
        if (reason is not null) data["reason"] = reason;
        return new EmailMessage(order.Id, order.CustomerEmail, templateName, data);
    }
}

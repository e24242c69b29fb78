using System.Text.Json;
using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Orders.Outbox;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Time;

namespace Ecommerce.Orders.Chain;

/// <summary>
/// Which email an order event sends, and the template_data of contract 4.1 built from the order. An email Notifications
/// does not take now (429, 5xx, timeout, no connection) is recorded as owed and delivered later by the dispatcher; an
/// email of an order that already owes one queues behind it, so a customer reads them in order.
/// </summary>
internal sealed class OrderNotifier(NotificationsClient notifications, EmailOutbox outbox, OrdersDbContext db, TimeProvider clock)
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

    public async Task SendAsync(Order order, string templateName, string? reason = null)
    {
        var message = Message(order, templateName, reason);
        if (await outbox.IsWaitingAsync(order.Id))
        {
            await outbox.OweAsync([(order.Id, Json(message))], failed: null);
            return;
        }
        var attempt = await notifications.SendEmailAsync(message);
        if (attempt.Delivery == Delivery.Retry) await outbox.OweAsync([(order.Id, Json(message))], attempt);
    }

    /// <summary>
    /// Moves the order to <paramref name="to"/> if it is still as read, and in the same transaction records what the move
    /// owes: its email, and <paramref name="alsoWritten"/> (a cancellation's owed refund, a signed webhook's receipt), so
    /// no crash between the change and its effects can forget them. Returns the email, held by this request for
    /// <see cref="SendHeldAsync"/> after the commit; null, with nothing written, when a concurrent change won.
    /// </summary>
    public async Task<OwedEmail?> MoveWithEmailAsync(Order order, string to, string templateName, IReadOnlyList<object> alsoWritten)
    {
        OwedEmail email;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            if (!await db.TryMoveAsync(order, to, clock.UtcNowMicros())) return null;
            foreach (var row in alsoWritten) db.Add(row);
            email = await outbox.OweInTransactionAsync(order.Id, Json(Message(order, templateName, null)));
            await db.SaveChangesAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            await transaction.CommitAsync(CancellationToken.None);
        }
        return email;
    }

    /// <summary>Sends an email <see cref="MoveWithEmailAsync"/> committed (one that fails stays owed), unless it queues behind the order's waiting ones.</summary>
    public async Task SendHeldAsync(OwedEmail email)
    {
        if (email.ClaimedUntil is null) return; // queued behind the order's waiting emails: the dispatcher keeps their order
        await outbox.SettleAsync(email, await notifications.SendEmailAsync(email.OrderId, email.TemplateName(), email.Message));
    }

    public async Task SendBatchAsync(IEnumerable<(Order Order, string TemplateName, string? Reason)> emails)
    {
        var messages = emails.Select(e => (e.Order.Id, Json: Json(Message(e.Order, e.TemplateName, e.Reason)))).ToList();
        var attempt = await notifications.SendEmailBatchAsync(messages.Select(m => m.Json).ToList(), waitOut429: true);
        if (attempt.Delivery == Delivery.Retry) await outbox.OweAsync(messages, attempt);
    }

    private static string Json(EmailMessage message) => JsonSerializer.Serialize(message, WireJson.Options);

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

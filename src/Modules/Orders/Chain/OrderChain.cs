using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Orders.Outbox;
using Ecommerce.Shared.Time;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Orders.Chain;

/// <summary>
/// The end of an order's chain once its payment's outcome is known, written once for the three places that reach it: a
/// new order (CreateOrder), a chunk of an import (as batches), and recovery finishing what a dead process left. As each
/// order now stands (the webhook may have moved it): a completed payment marks a pending order paid (what the webhook
/// normally did already: this keeps it right if the webhook was lost); an order cancelled while it was being paid has a
/// completed payment refunded (its cancellation sent its email; a refund that fails stays owed for recovery); every other
/// order gets the email its outcome calls for (confirmation, or payment failed with the reason), unless it was decided
/// already. An outcome interrupted by this host's shutdown is left to recovery (see <see cref="PaymentOutcome.Interrupted"/>).
/// </summary>
internal sealed class OrderChain(OrdersDbContext db, OrderNotifier notifier, OrderRefunds refunds, SettledChains settled, TimeProvider clock)
{
    /// <param name="orders">Orders whose payment was asked for, as read when they were created.</param>
    /// <param name="outcomes">Each order's payment outcome, by order id.</param>
    /// <param name="movedBy">What the audit row of a move to paid names (<see cref="OrderMovers"/>).</param>
    /// <param name="batch">Emails as batches (one request of the notification limit each, waiting out a 429), as an import sends them.</param>
    /// <param name="decided">Whether an order's email of a template is already sent or owed (recovery's question); null: none is.</param>
    public async Task FinishAsync(IReadOnlyList<Order> orders, IReadOnlyDictionary<int, PaymentOutcome> outcomes, string movedBy, bool batch = false,
        Func<int, string, bool>? decided = null)
    {
        var live = orders.Where(o => !outcomes[o.Id].Interrupted).ToList();
        if (live.Count == 0) return;
        await RefreshAsync(live);
        await MarkPaidAsync(live.Where(o => o.Status == OrderStatus.Pending && outcomes[o.Id].Succeeded).ToList(), movedBy);

        foreach (var order in live.Where(o => o.Status == OrderStatus.Cancelled && outcomes[o.Id].Succeeded))
            await refunds.SettleAsync(order.Id);

        var emails = live.Where(o => o.Status != OrderStatus.Cancelled)
            .Select(o => outcomes[o.Id].Succeeded ? (Order: o, Template: OrderNotifier.Confirmation, Reason: (string?)null)
                : (Order: o, Template: OrderNotifier.PaymentFailed, Reason: outcomes[o.Id].FailureReason))
            .Where(e => decided?.Invoke(e.Order.Id, e.Template) != true).ToList();
        if (batch) await notifier.SendBatchAsync(emails); // none to send: no call
        else foreach (var email in emails) await notifier.SendAsync(email.Order, email.Template, email.Reason);
        settled.Add(live.Select(o => o.Id));
    }

    /// <summary>
    /// A client's move (ship, deliver, cancel) and the email it sends; a cancellation owes its refund, written with the
    /// move and made after the commit and before the email (D14: the refund's webhook then finds the order cancelled and
    /// sends nothing; a refund not made now stays owed). False, with nothing written, when a concurrent change won.
    /// </summary>
    public async Task<bool> MoveAsync(Order order, string to)
    {
        var cancelling = to == OrderStatus.Cancelled;
        if (await notifier.MoveWithEmailAsync(order, to, OrderNotifier.ForStatus(to), cancelling ? [refunds.Owed(order.Id)] : []) is not { } email)
            return false;
        if (cancelling) await refunds.SettleAsync(order.Id);
        await notifier.SendHeldAsync(email);
        return true;
    }

    /// <summary>
    /// A refund's webhook cancels the order (whatever its status) and emails the customer; a signed webhook's receipt is
    /// written with the move. False when a concurrent change won.
    /// </summary>
    public async Task<bool> CancelForRefundAsync(Order order, AppliedWebhook? receipt)
    {
        if (await notifier.MoveWithEmailAsync(order, OrderStatus.Cancelled, OrderNotifier.Cancelled, receipt is null ? [] : [receipt]) is not { } email)
            return false;
        await notifier.SendHeldAsync(email);
        return true;
    }

    /// <summary>One order by its own conditional update, several by one set-based one; either way a concurrent cancel wins and is read back.</summary>
    private async Task MarkPaidAsync(List<Order> paid, string movedBy)
    {
        if (paid.Count == 0) return;
        var now = clock.UtcNowMicros();
        if (paid.Count == 1)
        {
            if (!await db.TryMoveAsync(paid[0], OrderStatus.Paid, now, movedBy)) await db.RefreshAsync(paid[0]);
            return;
        }
        await db.MoveAllAsync(paid.Select(o => o.Id).ToList(), OrderStatus.Pending, OrderStatus.Paid, now, movedBy);
        await RefreshAsync(paid);
    }

    /// <summary>The orders as they now stand (the webhook or a cancel changed them), without reloading their items.</summary>
    private async Task RefreshAsync(List<Order> orders)
    {
        if (orders.Count == 1)
        {
            await db.RefreshAsync(orders[0]);
            return;
        }
        var ids = orders.Select(o => o.Id).ToList();
        var states = await db.Orders.Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.Status, o.UpdatedAt }).ToDictionaryAsync(o => o.Id);
        foreach (var order in orders) order.Moved(states[order.Id].Status, states[order.Id].UpdatedAt);
    }
}

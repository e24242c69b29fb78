namespace Ecommerce.Dashboard.Api;

/// <summary>
/// One event of an order's story. <see cref="Tone"/> says how it reads: <c>ok</c> (done), <c>warn</c> (not yet: tried
/// again), <c>bad</c> (failed for good), <c>info</c>.
/// </summary>
public sealed record StoryEvent(DateTime At, string What, string? Who, string? Detail, string Tone);

/// <summary>An order's story, and for one still pending, why: the latest step not done, else what its payment says.</summary>
public sealed record OrderStory(List<StoryEvent> Events, string? WhyPending);

/// <summary>
/// Everything that happened to an order, oldest first, told from the modules' own records: the audit rows of the three
/// modules (created, moved, paid, refunded, sent again, and by whom), its payment, its notifications and their deliveries, the
/// attempt log of its owed steps, and what it still owes with the next attempt's time.
/// </summary>
public sealed class OrderStoryApi(OrdersApi orders, PaymentsApi payments, NotificationsApi notifications, OwedWorkApi owed)
{
    private const int MaxAudit = 100; // the most one page of the audit route holds

    public async Task<ApiResult<OrderStory>> For(int orderId, string status)
    {
        var subject = $"order {orderId}";
        var (orderAudit, paymentAudit, notificationAudit, payment, sent, attempts, stillOwed) = (orders.Audit(MaxAudit, null, subject),
            payments.Audit(MaxAudit, null, subject), notifications.Audit(MaxAudit, null, subject), payments.ForOrder(orderId),
            notifications.ForOrder(orderId), orders.Attempts(orderId), owed.All());
        await Task.WhenAll(orderAudit, paymentAudit, notificationAudit, payment, sent, attempts, stillOwed);
        var deliveries = await Task.WhenAll((sent.Result.Value ?? []).Select(n => notifications.Delivery(n.Id)));

        var story = new List<StoryEvent>();
        story.AddRange((orderAudit.Result.Value ?? []).Concat(paymentAudit.Result.Value ?? []).Concat(notificationAudit.Result.Value ?? [])
            .Where(e => !IsPaymentAnswer(e.Action)).Select(Audited));
        if (payment.Result.Value is { } p)
            story.Add(new StoryEvent(p.CreatedAt, $"Payment {p.Status}", null,
                $"{p.PaymentMethod} · {p.TransactionId}", p.Status == "completed" ? "ok" : p.Status == "failed" ? "bad" : "info"));
        foreach (var (notification, delivery) in (sent.Result.Value ?? []).Zip(deliveries))
            story.AddRange(Notified(notification, delivery.Value));
        story.AddRange((attempts.Result.Value ?? []).Select(a => new StoryEvent(a.At, $"{Step(a.Step)}: {a.Outcome}", null, a.Detail,
            a.Outcome == "done" ? "ok" : a.Outcome == "refused" ? "bad" : "warn")));
        story.AddRange((stillOwed.Result.Value?.Steps ?? []).Where(s => s.OrderId == orderId).Select(s => new StoryEvent(s.NextAttemptAt,
            $"Next attempt: {s.Kind} {s.Detail}", null, s.LastError is null ? $"{s.Attempts} attempts so far" : $"{s.Attempts} attempts so far; last: {s.LastError}", "warn")));

        var error = new[] { orderAudit.Result.Error, paymentAudit.Result.Error, sent.Result.Error, attempts.Result.Error }.FirstOrDefault(e => e is not null);
        story = story.OrderBy(e => e.At).ToList();
        var why = status == "pending" ? WhyPending(story, payment.Result.Value, sent.Result.Value ?? []) : null;
        return new ApiResult<OrderStory>(new OrderStory(story, why), error, new Dictionary<string, string>());
    }

    private static string WhyPending(List<StoryEvent> story, PaymentView? payment, List<NotificationView> sent)
    {
        if (story.LastOrDefault(e => e.Tone is "warn" or "bad") is { } step) return step.Detail is null ? step.What : $"{step.What} — {step.Detail}";
        if (payment is not null) return $"its payment is {payment.Status}";
        return sent.Any(n => n.TemplateName == "PAYMENT_FAILED")
            ? "Payments did not take the charge (no payment exists); the customer was told by email (PAYMENT_FAILED)"
            : "no payment exists yet";
    }

    /// <summary>The payment's own record tells its answer (with method and transaction); its audit row would repeat it.</summary>
    private static bool IsPaymentAnswer(string action) => action is "payment.completed" or "payment.failed" or "payment.pending";

    private static StoryEvent Audited(AuditEntryView entry) => entry.Action switch
    {
        "order.created" => new StoryEvent(entry.At, "Created", entry.Actor, $"through {How(entry)}", "info"),
        "payment.refunded" => new StoryEvent(entry.At, "Refunded", entry.Actor, entry.Detail, "info"),
        "order.cancelled" => new StoryEvent(entry.At, "Cancelled", entry.Actor, entry.Detail, "info"),
        "notification.sent_again" => new StoryEvent(entry.At, "Sent again", entry.Actor, entry.Detail, "info"),
        _ when entry.Action.StartsWith("order.", StringComparison.Ordinal) =>
            new StoryEvent(entry.At, $"Marked {entry.Action["order.".Length..]}", entry.Actor, entry.Detail, "ok"),
        _ => new StoryEvent(entry.At, entry.Action, entry.Actor, entry.Detail, "info"),
    };

    /// <summary>How an order came to be: the audit row's detail names an import; a dashboard user's actor the dashboard; else the API.</summary>
    private static string How(AuditEntryView created) =>
        created.Detail ?? (created.Actor.StartsWith("dashboard:", StringComparison.Ordinal) ? "the dashboard" : "the API");

    private static IEnumerable<StoryEvent> Notified(NotificationView notification, DeliveryView? delivery)
    {
        var what = $"{(notification.Channel == "sms" ? "SMS" : "Email")} {notification.TemplateName}";
        yield return new StoryEvent(notification.CreatedAt, $"{what} accepted", null, $"to {notification.Recipient}", "ok");
        if (delivery is null) yield break;
        switch (delivery.State)
        {
            case "delivered":
                yield return new StoryEvent(delivery.DeliveredAt ?? notification.CreatedAt, $"{what} delivered", null,
                    delivery.Attempts > 1 ? $"after {delivery.Attempts} attempts · {delivery.ProviderReply}" : delivery.ProviderReply, "ok");
                break;
            case "failed":
                yield return new StoryEvent(notification.CreatedAt, $"{what} not delivered", null, delivery.LastError, "bad");
                break;
            case "logged":
                yield return new StoryEvent(notification.CreatedAt, $"{what} recorded, not sent", null, "no email or SMS provider is configured", "info");
                break;
            case "queued" when delivery.LastError is not null:
                yield return new StoryEvent(notification.CreatedAt, $"{what} waiting to be delivered", null,
                    $"{delivery.Attempts} attempts so far; last: {delivery.LastError}", "warn");
                break;
        }
    }

    private static string Step(string step) => step switch
    {
        "chain" => "Payment and its email (recovery)",
        "refund" => "Refund",
        _ when step.StartsWith("email ", StringComparison.Ordinal) => "Email " + step["email ".Length..],
        _ => step,
    };
}

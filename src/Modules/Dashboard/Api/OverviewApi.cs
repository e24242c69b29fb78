namespace Ecommerce.Dashboard.Api;

/// <summary>
/// Everything the overview shows for a period, and the same figures for the period before it: three stats routes twice,
/// the owed work and the latest changes of the three audit logs, called together (ten calls, however many orders there are).
/// </summary>
public sealed record OverviewView(StatsPeriodView Period, OrderStatsView Orders, OrderStatsView? PreviousOrders, PaymentStatsView? Payments,
    PaymentStatsView? PreviousPayments, NotificationStatsView? Notifications, NotificationStatsView? PreviousNotifications, int? Owed,
    IReadOnlyList<(string Module, AuditEntryView Entry)> Events)
{
    /// <summary>Charges the processor refused: they leave no payment, only the order's PAYMENT_FAILED email.</summary>
    public static int Failed(NotificationStatsView? notifications) => notifications?.ByTemplate.GetValueOrDefault("PAYMENT_FAILED") ?? 0;

    /// <summary>Payments that completed (kept or refunded since).</summary>
    public static int Charged(PaymentStatsView? payments) =>
        payments is null ? 0 : payments.ByStatus.GetValueOrDefault("completed") + payments.ByStatus.GetValueOrDefault("refunded");

    /// <summary>Refused charges as a share of all charges with an outcome, in percent; null when there were none.</summary>
    public static decimal? FailureRate(PaymentStatsView? payments, NotificationStatsView? notifications)
    {
        var failed = Failed(notifications);
        var all = failed + Charged(payments);
        return all == 0 ? null : Math.Round(100m * failed / all, 1, MidpointRounding.AwayFromZero);
    }
}

public sealed class OverviewApi(OrdersApi orders, PaymentsApi payments, NotificationsApi notifications, OwedWorkApi owed, AuditApi audit)
{
    public const int EventsShown = 20;

    public async Task<ApiResult<OverviewView>> Load(StatsPeriodView period, int utcOffset)
    {
        var previous = period.Previous;
        var orderStats = orders.Stats(period, period.Bucket, utcOffset);
        var previousOrders = orders.Stats(previous, period.Bucket, utcOffset, top: 0); // compared by its totals only
        var paymentStats = payments.Stats(period);
        var previousPayments = payments.Stats(previous);
        var notificationStats = notifications.Stats(period);
        var previousNotifications = notifications.Stats(previous);
        var owedWork = owed.All();
        var events = audit.Latest(EventsShown, actor: null);
        await Task.WhenAll(orderStats, previousOrders, paymentStats, previousPayments, notificationStats, previousNotifications, owedWork, events);

        // The orders' figures are the page; the others fill in what they can, and the first error is shown.
        var error = new[] { orderStats.Result.Error, paymentStats.Result.Error, notificationStats.Result.Error, owedWork.Result.Error }
            .FirstOrDefault(e => e is not null);
        var value = orderStats.Result.Value is { } current
            ? new OverviewView(period, current, previousOrders.Result.Value, paymentStats.Result.Value, previousPayments.Result.Value,
                notificationStats.Result.Value, previousNotifications.Result.Value, owedWork.Result.Value?.Count, events.Result.Value ?? [])
            : null;
        return new ApiResult<OverviewView>(value, error, new Dictionary<string, string>());
    }
}

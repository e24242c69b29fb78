using System.Globalization;
using System.Net.Http.Json;
using Ecommerce.Dashboard.Security;
using Ecommerce.Shared.Json;

namespace Ecommerce.Dashboard.Api;

public sealed class OrdersApi(HttpClient http, DashboardUser user)
{
    private readonly HttpClient _http = user.ActsThrough(http);

    public Task<ApiResult<ChangesView>> Changes() => ApiResult<ChangesView>.From(_http.GetAsync("orders/changes"));

    /// <summary>A page of the list; <paramref name="query"/> holds the filters (<see cref="OrderFilter.Query"/>).</summary>
    public Task<ApiResult<List<OrderView>>> List(int skip, int limit, string query = "") =>
        ApiResult<List<OrderView>>.From(_http.GetAsync($"orders/?skip={skip}&limit={limit}{query}"));

    public Task<ApiResult<OrderView>> Get(int id) => ApiResult<OrderView>.From(_http.GetAsync($"orders/{id}"));

    public Task<ApiResult<OrderView>> Create(NewOrder order) =>
        ApiResult<OrderView>.From(_http.PostAsJsonAsync("orders/", order, WireJson.Options));

    public Task<ApiResult<OrderView>> ChangeStatus(int id, string status) =>
        ApiResult<OrderView>.From(_http.PutAsJsonAsync($"orders/{id}/status", new { status }, WireJson.Options));

    public Task<ApiResult<OrderView>> Cancel(int id) => ApiResult<OrderView>.From(_http.DeleteAsync($"orders/{id}"));

    public Task<ApiResult<BulkOrdersView>> Bulk(IReadOnlyList<NewOrder> orders) =>
        ApiResult<BulkOrdersView>.From(_http.PostAsJsonAsync("orders/bulk", new { orders }, WireJson.Options));

    public Task<ApiResult<HealthView>> Health() => ApiResult<HealthView>.From(_http.GetAsync(new Uri(_http.BaseAddress!, "/health")));

    public Task<ApiResult<OwedWorkView>> Owed() => ApiResult<OwedWorkView>.From(_http.GetAsync("orders/owed"));

    /// <summary>The latest audit rows; <paramref name="window"/> is a <see cref="DateRange.Query"/>.</summary>
    public Task<ApiResult<List<AuditEntryView>>> Audit(int limit, string? actor, string? subject = null, string window = "") =>
        ApiResult<List<AuditEntryView>>.From(_http.GetAsync($"orders/audit?limit={limit}{Query("actor", actor)}{Query("subject", subject)}{window}"));

    public Task<ApiResult<List<StepAttemptView>>> Attempts(int id) => ApiResult<List<StepAttemptView>>.From(_http.GetAsync($"orders/{id}/attempts"));

    /// <summary>The period's figures; <paramref name="top"/> best sellers (0: none, when only the totals are compared).</summary>
    public Task<ApiResult<OrderStatsView>> Stats(StatsPeriodView period, string bucket, int utcOffset, int top = 5) =>
        ApiResult<OrderStatsView>.From(_http.GetAsync($"orders/stats?{period.Query}&bucket={bucket}&utc_offset={utcOffset}&top={top}"));

    internal static string Query(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? "" : $"&{name}={Uri.EscapeDataString(value.Trim())}";
}

public sealed class PaymentsApi(HttpClient http, DashboardUser user)
{
    private readonly HttpClient _http = user.ActsThrough(http);

    public Task<ApiResult<ChangesView>> Changes() => ApiResult<ChangesView>.From(_http.GetAsync("payments/changes"));

    public Task<ApiResult<List<PaymentView>>> List(int skip, int limit, string query = "") =>
        ApiResult<List<PaymentView>>.From(_http.GetAsync($"payments/?skip={skip}&limit={limit}{query}"));

    public Task<ApiResult<PaymentView>> ForOrder(int orderId) => ApiResult<PaymentView>.From(_http.GetAsync($"payments/order/{orderId}"));

    public Task<ApiResult<RefundView>> Refund(int paymentId, string reason) =>
        ApiResult<RefundView>.From(_http.PostAsJsonAsync("payments/refund", new { payment_id = paymentId, reason }, WireJson.Options));

    public Task<ApiResult<HealthView>> Health() => ApiResult<HealthView>.From(_http.GetAsync(new Uri(_http.BaseAddress!, "/health")));

    public Task<ApiResult<OwedWorkView>> Owed() => ApiResult<OwedWorkView>.From(_http.GetAsync("payments/owed"));

    public Task<ApiResult<List<AuditEntryView>>> Audit(int limit, string? actor, string? subject = null, string window = "") =>
        ApiResult<List<AuditEntryView>>.From(_http.GetAsync($"payments/audit?limit={limit}{OrdersApi.Query("actor", actor)}{OrdersApi.Query("subject", subject)}{window}"));

    public Task<ApiResult<PaymentStatsView>> Stats(StatsPeriodView period) => ApiResult<PaymentStatsView>.From(_http.GetAsync($"payments/stats?{period.Query}"));
}

/// <summary>What every module still owes (Orders: emails, chains, refunds; Payments: webhooks; Notifications: deliveries), as one list.</summary>
public sealed class OwedWorkApi(OrdersApi orders, PaymentsApi payments, NotificationsApi notifications)
{
    public async Task<ApiResult<OwedWorkView>> All()
    {
        var parts = await Task.WhenAll(orders.Owed(), payments.Owed(), notifications.Owed());
        var answered = parts.Where(p => p.Value is not null).Select(p => p.Value!).ToList();
        var error = parts.Select(p => p.Error).FirstOrDefault(e => e is not null);
        if (answered.Count == 0) return new ApiResult<OwedWorkView>(null, error, new Dictionary<string, string>());
        var steps = answered.SelectMany(p => p.Steps).OrderBy(s => s.NextAttemptAt).ToList();
        return new ApiResult<OwedWorkView>(new OwedWorkView(answered.Sum(p => p.Count), steps), error, new Dictionary<string, string>());
    }
}

public sealed class NotificationsApi(HttpClient http, DashboardUser user)
{
    private readonly HttpClient _http = user.ActsThrough(http);

    public Task<ApiResult<ChangesView>> Changes() => ApiResult<ChangesView>.From(_http.GetAsync("notifications/changes"));

    public Task<ApiResult<List<NotificationView>>> List(int skip, int limit, string query = "") =>
        ApiResult<List<NotificationView>>.From(_http.GetAsync($"notifications/?skip={skip}&limit={limit}{query}"));

    /// <summary>The deliveries of the page <see cref="List"/> returns for the same filters (the state named <c>state</c>).</summary>
    public Task<ApiResult<List<DeliveryView>>> Deliveries(int skip, int limit, string query = "") =>
        ApiResult<List<DeliveryView>>.From(_http.GetAsync($"notifications/deliveries?skip={skip}&limit={limit}{query}"));

    public Task<ApiResult<DeliveryView>> Delivery(int id) => ApiResult<DeliveryView>.From(_http.GetAsync($"notifications/{id}/delivery"));

    public Task<ApiResult<DeliveryView>> SendAgain(int id) => ApiResult<DeliveryView>.From(_http.PostAsync($"notifications/{id}/delivery/retry", null));

    public Task<ApiResult<OwedWorkView>> Owed() => ApiResult<OwedWorkView>.From(_http.GetAsync("notifications/owed"));

    public Task<ApiResult<List<AuditEntryView>>> Audit(int limit, string? actor, string? subject = null, string window = "") =>
        ApiResult<List<AuditEntryView>>.From(_http.GetAsync($"notifications/audit?limit={limit}{OrdersApi.Query("actor", actor)}{OrdersApi.Query("subject", subject)}{window}"));

    public Task<ApiResult<NotificationStatsView>> Stats(StatsPeriodView period) =>
        ApiResult<NotificationStatsView>.From(_http.GetAsync($"notifications/stats?{period.Query}"));

    public Task<ApiResult<NotificationView>> Get(int id) => ApiResult<NotificationView>.From(_http.GetAsync($"notifications/{id}"));

    public Task<ApiResult<List<NotificationView>>> ForOrder(int orderId) =>
        ApiResult<List<NotificationView>>.From(_http.GetAsync($"notifications/order/{orderId}"));

    public Task<ApiResult<HealthView>> Health() => ApiResult<HealthView>.From(_http.GetAsync(new Uri(_http.BaseAddress!, "/health")));
}

/// <summary>The audit trails of the three modules as one, newest first: the latest of each (a page of each module's route) merged by time.</summary>
public sealed class AuditApi(OrdersApi orders, PaymentsApi payments, NotificationsApi notifications)
{
    public async Task<ApiResult<List<(string Module, AuditEntryView Entry)>>> Latest(int limit, string? actor, string window = "")
    {
        var parts = await Task.WhenAll(orders.Audit(limit, actor, window: window), payments.Audit(limit, actor, window: window),
            notifications.Audit(limit, actor, window: window));
        var merged = parts.Zip(["Orders", "Payments", "Notifications"]).SelectMany(p => (p.First.Value ?? []).Select(e => (p.Second, e)))
            .OrderByDescending(e => e.e.At).Take(limit).ToList();
        return new ApiResult<List<(string, AuditEntryView)>>(merged, parts.Select(p => p.Error).FirstOrDefault(e => e is not null), new Dictionary<string, string>());
    }

    /// <summary>The order an audit row is about (<c>order 42</c>), to link to it.</summary>
    public static int? OrderId(string subject) =>
        subject.StartsWith("order ", StringComparison.Ordinal) && int.TryParse(subject.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Ecommerce.Dashboard.Api;

/// <summary>
/// A list's date range as the viewer picks it (dates in their time zone, both days included), turned into the APIs'
/// creation window (<c>from</c> a local midnight, <c>to</c> the midnight after the last day, both UTC).
/// </summary>
public sealed record DateRange(string? FromDate, string? ToDate)
{
    /// <summary>The API query parameters (<c>&amp;from=…&amp;to=…</c>); a date that is not one is left out.</summary>
    public string Query(TimeZoneInfo zone) =>
        Parameter("from", OverviewPeriod.Date(FromDate) is { } first ? OverviewPeriod.MidnightUtc(first, zone) : null)
        + Parameter("to", OverviewPeriod.Date(ToDate) is { } last ? OverviewPeriod.MidnightUtc(last.AddDays(1), zone) : null);

    private static string Parameter(string name, DateTime? utc) =>
        utc is { } value ? $"&{name}={Uri.EscapeDataString(value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}" : "";
}

/// <summary>The orders list's filters, as the API takes them (and the CSV export, which passes them on).</summary>
public sealed record OrderFilter(string? Status, string? Customer, DateRange Dates)
{
    public string Query(TimeZoneInfo zone) => OrdersApi.Query("status", Status) + OrdersApi.Query("customer", Customer) + Dates.Query(zone);
}

public sealed record PaymentFilter(string? Status, string? TransactionId, DateRange Dates)
{
    public string Query(TimeZoneInfo zone) => OrdersApi.Query("status", Status) + OrdersApi.Query("transaction_id", TransactionId) + Dates.Query(zone);
}

/// <summary>The notifications list's filters; the deliveries route names the delivery state <c>state</c>, the list <c>delivery_state</c>.</summary>
public sealed record NotificationFilter(string? Channel, string? Template, string? State, DateRange Dates)
{
    public string Query(TimeZoneInfo zone, string stateName = "delivery_state") =>
        OrdersApi.Query("channel", Channel) + OrdersApi.Query("template_name", Template) + OrdersApi.Query(stateName, State) + Dates.Query(zone);
}

/// <summary>A list page's own URL with its filters: blank ones left out, so the URL holds only what filters.</summary>
public static class ListUrl
{
    public static string With(NavigationManager navigation, params (string Name, string? Value)[] filters) =>
        navigation.GetUriWithQueryParameters(filters.ToDictionary(f => f.Name, f => (object?)(string.IsNullOrWhiteSpace(f.Value) ? null : f.Value.Trim())));
}

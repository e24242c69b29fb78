using Ecommerce.Shared.Stats;

namespace Ecommerce.Orders.Contracts;

/// <summary>
/// The orders created in a period, aggregated by the database (GET /orders/stats): their count, how many are in each
/// status now, revenue per currency (orders paid, shipped or delivered: charged and kept), a series per hour or day, the
/// best-selling products; and, whatever the period, the orders that need someone.
/// </summary>
public sealed record OrderStatsResponse(
    DateTime From, DateTime To, string Bucket, int UtcOffset, int Orders, IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyList<CurrencyTotal> Revenue, IReadOnlyList<OrderStatsBucket> Series, IReadOnlyList<ProductSales> TopByRevenue,
    IReadOnlyList<ProductSales> TopByQuantity, OrdersNeedingAttention NeedsAttention);

/// <summary>One hour or day of the series (<c>start</c> in UTC; the bucket's edges follow <c>utc_offset</c>).</summary>
public sealed record OrderStatsBucket(DateTime Start, int Orders, IReadOnlyList<CurrencyTotal> Revenue);

/// <summary>
/// A product's sales in one currency: units sold and the revenue of its lines. In <c>top_by_quantity</c> the units are
/// counted across currencies, and the currency and revenue are those of the currency it sold most units in.
/// </summary>
public sealed record ProductSales(string ProductName, string Currency, int Quantity, decimal Revenue);

/// <summary>
/// Orders waiting on someone, whatever the period: pending (a payment failed or not finished), and paid but not shipped
/// for <c>stale_days</c> days or more.
/// </summary>
public sealed record OrdersNeedingAttention(int Pending, int PaidNotShipped, int StaleDays);

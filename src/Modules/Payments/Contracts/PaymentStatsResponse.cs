using Ecommerce.Shared.Stats;

namespace Ecommerce.Payments.Contracts;

/// <summary>
/// The payments made in a period, aggregated by the database (GET /payments/stats): how many are in each status now, the
/// amounts charged and kept per currency (completed), and the refunds made in the period per currency. A charge the
/// processor refused leaves no payment (the order stays pending and gets PAYMENT_FAILED): Notifications' stats count those.
/// </summary>
public sealed record PaymentStatsResponse(
    DateTime From, DateTime To, int Payments, IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyList<CurrencyTotal> Completed, IReadOnlyList<CurrencyTotal> Refunds);

namespace Ecommerce.Shared.Stats;

/// <summary>
/// A sum of money in one currency and how many it came from; amounts in different currencies are never added together.
/// <c>average</c> is the amount per item, rounded to the currency's usual two places.
/// </summary>
public sealed record CurrencyTotal(string Currency, int Count, decimal Amount)
{
    public decimal Average => Count == 0 ? 0 : Math.Round(Amount / Count, 2, MidpointRounding.ToEven);

    /// <summary>One total per currency, largest count first.</summary>
    public static IReadOnlyList<CurrencyTotal> Of<T>(IEnumerable<T> rows, Func<T, string> currency, Func<T, int> count, Func<T, decimal> amount) =>
        rows.GroupBy(currency, StringComparer.Ordinal)
            .Select(g => new CurrencyTotal(g.Key, g.Sum(count), g.Sum(amount)))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Currency, StringComparer.Ordinal).ToList();
}

using System.Globalization;
using System.Text.RegularExpressions;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Dashboard.Api;

/// <summary>
/// The Orders API's checks of a new order, as the dashboard applies them before sending anything: one rule set for the
/// new-order form and the import. Lengths count characters as the API does (code points, so 田中 is 2 and an emoji 1).
/// Each check returns what is wrong, or null.
/// </summary>
public static partial class OrderRules
{
    public const int MaxItems = 100;

    public static string? CustomerEmail(string value) => EmailAddress.TryNormalize(value, out _, out var reason) ? null : reason;

    /// <summary>customer_name and product_name.</summary>
    public static string? Name(string value) => Characters(value, 1, 200);

    /// <summary>The external_id of an imported order (its order_ref).</summary>
    public static string? ExternalId(string value) => Characters(value, 1, 100);

    public static string? Currency(string value) => CurrencyCode().IsMatch(value) ? null : "three capital letters, e.g. JPY";

    public static string? ItemCount(int count) => count is >= 1 and <= MaxItems ? null : $"1 to {MaxItems} items";

    public static string? Quantity(int? value) => value is >= 1 and <= 10_000 ? null : "a whole number from 1 to 10,000";

    public static string? UnitPrice(decimal? value) => value > 0 ? null : "a number greater than 0";

    /// <summary>A quantity as typed or read from a file: digits only.</summary>
    public static int? ParseQuantity(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) ? quantity : null;

    /// <summary>A unit price as typed or read from a file: digits and a decimal point.</summary>
    public static decimal? ParseUnitPrice(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) ? price : null;

    private static string? Characters(string value, int min, int max) =>
        value.EnumerateRunes().Count() is var count && count >= min && count <= max ? null : $"{min} to {max} characters";

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.NonBacktracking)]
    private static partial Regex CurrencyCode();
}

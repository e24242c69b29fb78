using System.Text.RegularExpressions;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Dashboard.Api;

/// <summary>
/// The new-order form and its checks, the same as the API's (D10), so most mistakes are shown before sending;
/// keys match the API's 422 locations ("items.0.quantity") so both kinds of message land next to the same field.
/// </summary>
public sealed partial class OrderForm
{
    public const int MaxItems = 100;

    public string CustomerEmail { get; set; } = "";
    public string CustomerName { get; set; } = "";
    public string Currency { get; set; } = "JPY";
    public List<Line> Items { get; } = [new()];

    public sealed class Line
    {
        public string ProductName { get; set; } = "";
        public int? Quantity { get; set; } = 1;
        public decimal? UnitPrice { get; set; }
    }

    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (!EmailAddress.TryNormalize(CustomerEmail, out _, out var reason)) errors["customer_email"] = reason;
        if (CustomerName.EnumerateRunes().Count() is < 1 or > 200) errors["customer_name"] = "Between 1 and 200 characters";
        if (!CurrencyCode().IsMatch(Currency)) errors["currency"] = "Three capital letters, e.g. JPY";
        if (Items.Count is < 1 or > MaxItems) errors["items"] = $"Between 1 and {MaxItems} items";
        for (var i = 0; i < Items.Count; i++)
        {
            var line = Items[i];
            if (line.ProductName.EnumerateRunes().Count() is < 1 or > 200) errors[$"items.{i}.product_name"] = "Between 1 and 200 characters";
            if (line.Quantity is not (>= 1 and <= 10_000)) errors[$"items.{i}.quantity"] = "A whole number from 1 to 10,000";
            if (line.UnitPrice is not > 0) errors[$"items.{i}.unit_price"] = "Greater than 0";
        }
        return errors;
    }

    public NewOrder ToRequest() => new(CustomerEmail.Trim(), CustomerName, Items.Select(i => new NewOrderItem(i.ProductName, i.Quantity ?? 0, i.UnitPrice ?? 0)).ToList(), Currency);

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.NonBacktracking)]
    private static partial Regex CurrencyCode();
}


namespace Ecommerce.Dashboard.Api;

/// <summary>
/// The new-order form and its checks, the same as the API's (D10), so most mistakes are shown before sending;
/// keys match the API's 422 locations ("items.0.quantity") so both kinds of message land next to the same field.
/// </summary>
public sealed class OrderForm
{
    public string CustomerEmail { get; set; } = "";
    public string CustomerName { get; set; } = "";
    public string Currency { get; set; } = ApiVocabulary.DefaultCurrency;
    public List<Line> Items { get; } = [new()];

    public sealed class Line
    {
        public string ProductName { get; set; } = "";
        public int? Quantity { get; set; } = 1;
        public decimal? UnitPrice { get; set; }
    }

    /// <summary>What is wrong, under the API's 422 keys (<see cref="OrderRules"/>, the same checks as the import's).</summary>
    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        void Check(string key, string? problem)
        {
            if (problem is not null) errors[key] = problem;
        }
        Check("customer_email", OrderRules.CustomerEmail(CustomerEmail));
        Check("customer_name", OrderRules.Name(CustomerName));
        Check("currency", OrderRules.Currency(Currency));
        Check("items", OrderRules.ItemCount(Items.Count));
        for (var i = 0; i < Items.Count; i++)
        {
            Check($"items.{i}.product_name", OrderRules.Name(Items[i].ProductName));
            Check($"items.{i}.quantity", OrderRules.Quantity(Items[i].Quantity));
            Check($"items.{i}.unit_price", OrderRules.UnitPrice(Items[i].UnitPrice));
        }
        return errors;
    }

    public NewOrder ToRequest() => new(CustomerEmail.Trim(), CustomerName, Items.Select(i => new NewOrderItem(i.ProductName, i.Quantity ?? 0, i.UnitPrice ?? 0)).ToList(), Currency);
}


namespace Ecommerce.Dashboard.Api;

/// <summary>One item row of an import, as read from a CSV file or typed into the grid.</summary>
public sealed class ImportRow
{
    public static readonly string[] Columns = ["order_ref", "customer_email", "customer_name", "currency", "product_name", "quantity", "unit_price"];

    public int Line { get; init; }
    public string OrderRef { get; set; } = "";
    public string CustomerEmail { get; set; } = "";
    public string CustomerName { get; set; } = "";
    public string Currency { get; set; } = "";
    public string ProductName { get; set; } = "";
    public string Quantity { get; set; } = "";
    public string UnitPrice { get; set; } = "";
    public List<string> Errors { get; } = [];
}

/// <summary>
/// Rows grouped into orders by order_ref (the order's external_id, so importing a file twice creates nothing twice),
/// each row checked with the API's own rules (D10) before anything is sent.
/// </summary>
public sealed class ImportPlan
{
    private ImportPlan(List<ImportRow> rows, List<(string Ref, NewOrder Order, List<ImportRow> Rows)> orders, string? fileError)
    {
        Rows = rows;
        Orders = orders;
        FileError = fileError;
    }

    public IReadOnlyList<ImportRow> Rows { get; }
    public IReadOnlyList<(string Ref, NewOrder Order, List<ImportRow> Rows)> Orders { get; }
    public string? FileError { get; }
    public IEnumerable<ImportRow> InvalidRows => Rows.Where(r => r.Errors.Count > 0);

    /// <summary>Orders are only those whose every row is valid: only these are sent.</summary>
    public int HeldBackOrders => Rows.Where(r => r.Errors.Count > 0 && r.OrderRef.Length > 0).Select(r => r.OrderRef).Distinct().Count();

    public static ImportPlan FromCsv(string text)
    {
        var table = Csv.Parse(text);
        if (table.Count == 0) return new ImportPlan([], [], "The file is empty.");
        var header = table[0].Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = ImportRow.Columns.Except(["currency"]).Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0) return new ImportPlan([], [], $"Missing column(s): {string.Join(", ", missing)}. Expected: {string.Join(",", ImportRow.Columns)}");
        string Cell(string[] row, string column) => Array.IndexOf(header, column) is var i and >= 0 && i < row.Length ? CsvExport.Untext(row[i].Trim()) : "";
        var rows = table.Skip(1).Select((row, n) => new ImportRow
        {
            Line = n + 2,
            OrderRef = Cell(row, "order_ref"),
            CustomerEmail = Cell(row, "customer_email"),
            CustomerName = Cell(row, "customer_name"),
            Currency = Cell(row, "currency"),
            ProductName = Cell(row, "product_name"),
            Quantity = Cell(row, "quantity"),
            UnitPrice = Cell(row, "unit_price"),
        }).ToList();
        return FromRows(rows);
    }

    public static ImportPlan FromRows(List<ImportRow> rows)
    {
        foreach (var row in rows)
        {
            row.Errors.Clear();
            Check(row);
        }
        var orders = new List<(string, NewOrder, List<ImportRow>)>();
        foreach (var group in rows.Where(r => r.OrderRef.Length > 0).GroupBy(r => r.OrderRef))
        {
            var first = group.First();
            var lines = group.ToList();
            foreach (var row in lines.Skip(1).Where(r => r.CustomerEmail != first.CustomerEmail || r.CustomerName != first.CustomerName))
                row.Errors.Add($"Customer differs from line {first.Line} of order {first.OrderRef}");
            if (OrderRules.ItemCount(lines.Count) is { } tooMany) first.Errors.Add($"Order {first.OrderRef} has {lines.Count} items: {tooMany}");
            // An order is sent whole or not at all: one bad row holds back its order.
            if (lines.Any(r => r.Errors.Count > 0)) continue;
            var items = lines.Select(r => new NewOrderItem(r.ProductName, OrderRules.ParseQuantity(r.Quantity)!.Value,
                OrderRules.ParseUnitPrice(r.UnitPrice)!.Value)).ToList();
            var currency = string.IsNullOrEmpty(first.Currency) ? ApiVocabulary.DefaultCurrency : first.Currency;
            orders.Add((group.Key, new NewOrder(first.CustomerEmail, first.CustomerName, items, currency, group.Key), lines));
        }
        return new ImportPlan(rows, orders, null);
    }

    /// <summary>The row's own checks: the API's (<see cref="OrderRules"/>, the same as the new-order form's).</summary>
    private static void Check(ImportRow row)
    {
        void Add(string column, string? problem)
        {
            if (problem is not null) row.Errors.Add($"{column}: {problem}");
        }
        Add("order_ref", OrderRules.ExternalId(row.OrderRef));
        Add("customer_email", OrderRules.CustomerEmail(row.CustomerEmail));
        Add("customer_name", OrderRules.Name(row.CustomerName));
        if (row.Currency.Length > 0) Add("currency", OrderRules.Currency(row.Currency));
        Add("product_name", OrderRules.Name(row.ProductName));
        Add("quantity", OrderRules.Quantity(OrderRules.ParseQuantity(row.Quantity)));
        Add("unit_price", OrderRules.UnitPrice(OrderRules.ParseUnitPrice(row.UnitPrice)));
    }
}

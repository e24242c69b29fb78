namespace Ecommerce.Dashboard.Api;

/// <summary>
/// The outcome of an import as its bulk requests come back: the counts, the failures to show, and the results file (one
/// line per order sent and per invalid row). The import page only hands it each answer.
/// </summary>
public sealed class ImportTally
{
    private readonly List<string> _lines = [Csv.Line(["order_ref", "result", "order_id", "order_status", "reason"])];
    private readonly List<(string Ref, string Reason)> _failures = [];

    public int Created { get; private set; }
    public int Existing { get; private set; }
    public int Paid { get; private set; }
    public int Pending { get; private set; }
    public int Failed { get; private set; }
    public IReadOnlyList<(string Ref, string Reason)> Failures => _failures;

    /// <summary>A bulk request refused as a whole (unreachable, 413, ...): each of its orders failed with its message.</summary>
    public void Refused(IEnumerable<string> references, string? error)
    {
        foreach (var reference in references)
        {
            Failed++;
            _failures.Add((reference, error ?? "refused"));
            _lines.Add(Csv.Line([reference, "failed", "", "", error]));
        }
    }

    /// <summary>The per-order results of a bulk request; <paramref name="references"/> in the order its orders were sent.</summary>
    public void Answered(IReadOnlyList<string> references, IEnumerable<BulkOrderResultView> results)
    {
        foreach (var item in results)
        {
            var reference = references[item.Index];
            if (item.Order is { } order)
            {
                if (item.Status == "existing") Existing++;
                else Created++;
                if (order.Status == "paid") Paid++;
                if (order.Status == "pending")
                {
                    Pending++;
                    _failures.Add((reference, "payment refused: the order stays pending"));
                }
                _lines.Add(Csv.Line([reference, item.Status, order.Id, order.Status, ""]));
            }
            else
            {
                Failed++;
                var reason = string.Join("; ", item.Errors?.Select(e => e.Msg) ?? []);
                _failures.Add((reference, reason));
                _lines.Add(Csv.Line([reference, item.Status, "", "", reason]));
            }
        }
    }

    /// <summary>Rows held back before sending: in the results file, with their line and reasons.</summary>
    public void HeldBack(IEnumerable<ImportRow> rows)
    {
        foreach (var row in rows)
            _lines.Add(Csv.Line([row.OrderRef, "invalid", "", "", $"line {row.Line}: {string.Join("; ", row.Errors)}"]));
    }

    public string ResultsCsv() => string.Join("\n", _lines) + "\n";
}

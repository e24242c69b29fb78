using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Ecommerce.Dashboard.Api;

/// <summary>
/// GET /export/{orders,payments,notifications}.csv on the dashboard's port: the list with the filters of its URL (the
/// APIs' own query parameters: status, customer, transaction_id, channel, template_name, delivery_state, from, to), as
/// UTF-8 CSV with a BOM (so Excel reads Japanese), streamed a page at a time, each page after the last one's id (after_id):
/// 100,000 rows are never held at once, and the last page costs what the first did.
/// Orders come one row per item in the import template's columns (then order_id, status, created_at, which an import
/// ignores), so an export imports again. A text cell that a spreadsheet would run as a formula (= + - @) starts with a
/// quote, which the import takes off.
/// </summary>
public static class CsvExport
{
    private const int PageSize = 100; // the most one page of the APIs holds

    private static readonly string[] Filters = ["status", "customer", "transaction_id", "channel", "template_name", "delivery_state", "from", "to"];

    public static void Map(IEndpointRouteBuilder dashboard)
    {
        dashboard.MapGet("/export/orders.csv", (HttpContext http, OrdersApi api) => StreamAsync(http, "orders",
            [.. ImportRow.Columns, "order_id", "status", "created_at"], query => api.List(0, PageSize, query), o => o.Id, OrderRows));
        dashboard.MapGet("/export/payments.csv", (HttpContext http, PaymentsApi api) => StreamAsync(http, "payments",
            ["payment_id", "order_id", "status", "amount", "currency", "payment_method", "transaction_id", "created_at", "updated_at"],
            query => api.List(0, PageSize, query), p => p.Id,
            p => [[p.Id, p.OrderId, p.Status, p.Amount, p.Currency, p.PaymentMethod, p.TransactionId, Time(p.CreatedAt), Time(p.UpdatedAt)]]));
        dashboard.MapGet("/export/notifications.csv", (HttpContext http, NotificationsApi api) => StreamAsync(http, "notifications",
            ["notification_id", "order_id", "channel", "template_name", "recipient", "subject", "body", "status", "sent_at", "created_at"],
            query => api.List(0, PageSize, query), n => n.Id,
            n => [[n.Id, n.OrderId, n.Channel, n.TemplateName, Text(n.Recipient), Text(n.Subject), Text(n.Body), n.Status, Time(n.SentAt), Time(n.CreatedAt)]]));
    }

    /// <summary>The order's reference in the exporting host: importing it elsewhere makes the same order once.</summary>
    public static string OrderRef(int orderId) => $"order-{orderId}";

    private static IEnumerable<object?[]> OrderRows(OrderView order) => order.Items.Select(item => new object?[]
    {
        OrderRef(order.Id), Text(order.CustomerEmail), Text(order.CustomerName), order.Currency, Text(item.ProductName), item.Quantity, item.UnitPrice,
        order.Id, order.Status, Time(order.CreatedAt),
    });

    private static async Task StreamAsync<T>(HttpContext http, string name, string[] header, Func<string, Task<ApiResult<List<T>>>> page,
        Func<T, int> id, Func<T, IEnumerable<object?[]>> rows)
    {
        var query = ForwardedQuery(http.Request.Query);
        var first = await page(query);
        if (first.Value is null)
        {
            // Nothing written yet: the API's refusal (a 422 on a bad date) or its absence, as a plain answer.
            await Results.Text(first.Error, statusCode: first.FieldErrors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status502BadGateway)
                .ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
        await writer.WriteAsync("\uFEFF" + Csv.Line(header) + "\r\n");
        var items = first.Value;
        while (true)
        {
            foreach (var row in items.SelectMany(rows)) await writer.WriteAsync(Csv.Line(row.Select(Cell)) + "\r\n");
            await writer.FlushAsync(http.RequestAborted);
            if (items.Count < PageSize) return;
            var next = await page($"{query}&after_id={id(items[^1])}");
            // Half a file must not pass for a whole one: the download breaks instead.
            if (next.Value is null)
            {
                http.Abort();
                return;
            }
            items = next.Value;
        }
    }

    /// <summary>The list filters of the export's URL, passed to the API as they are (it validates them).</summary>
    private static string ForwardedQuery(IQueryCollection query) =>
        string.Concat(Filters.Select(f => query.TryGetValue(f, out var value) && value is [{ } one] ? OrdersApi.Query(f, one) : ""));

    private static string? Cell(object? value) => value switch
    {
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };

    private static string Time(DateTime? utc) =>
        utc is { } value ? DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture) : "";

    /// <summary>Text a spreadsheet would take for a formula gets a leading quote (OWASP's advice against CSV injection).</summary>
    public static string? Text(string? value) => value is { Length: > 0 } && "=+-@\t\r".Contains(value[0]) ? "'" + value : value;

    /// <summary>Undoes <see cref="Text"/> on import.</summary>
    public static string Untext(string cell) => cell.Length > 1 && cell[0] == '\'' && "=+-@\t\r".Contains(cell[1]) ? cell[1..] : cell;
}

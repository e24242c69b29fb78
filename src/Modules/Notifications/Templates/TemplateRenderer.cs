using System.Globalization;
using System.Text;
using System.Text.Json;
using Ecommerce.Shared.Text;

namespace Ecommerce.Notifications.Templates;

internal sealed record RenderedMessage(string Subject, string Body);

/// <summary>Fills a template from template_data: amounts as <c>¥183,100</c>, absent names as お客様, absent lines left out.</summary>
internal static class TemplateRenderer
{
    public const int SmsMaxLength = 140;
    private static readonly HashSet<string> MoneyKeys = ["total_amount", "amount", "refund_amount"];

    public static RenderedMessage Email(NotificationTemplate template, int orderId, IReadOnlyDictionary<string, JsonElement> data)
    {
        var values = Values(orderId, data);
        return new RenderedMessage(Line(template.Subject, values) ?? template.Subject, Lines(template.EmailBody, values, "\n"));
    }

    public static string Sms(NotificationTemplate template, int orderId, IReadOnlyDictionary<string, JsonElement> data)
    {
        var body = Lines(template.SmsBody, Values(orderId, data), "\n");
        return body.Length <= SmsMaxLength ? body : body[..(SmsMaxLength - 1)] + "…";
    }

    private static Dictionary<string, string> Values(int orderId, IReadOnlyDictionary<string, JsonElement> data)
    {
        var currency = data.TryGetValue("currency", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "JPY";
        var values = new Dictionary<string, string>();
        foreach (var (key, value) in data)
            if (Text(key, value, currency) is { Length: > 0 } text) values[key] = text;
        // The request's own order_id is authoritative; a name is never left blank in a greeting.
        values["order_id"] = orderId.ToString(CultureInfo.InvariantCulture);
        values.TryAdd("customer_name", "お客様");
        return values;
    }

    private static string? Text(string key, JsonElement value, string currency) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when MoneyKeys.Contains(key) && value.TryGetDecimal(out var amount) => MoneyText.Format(amount, currency),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "はい",
        JsonValueKind.False => "いいえ",
        _ => null,
    };

    private static string Lines(IReadOnlyList<string> lines, Dictionary<string, string> values, string separator)
    {
        var rendered = new StringBuilder(256);
        foreach (var template in lines)
        {
            var before = rendered.Length;
            if (rendered.Length > 0) rendered.Append(separator);
            if (!TryAppend(rendered, template, values)) rendered.Length = before;
        }
        return rendered.ToString();
    }

    /// <summary>The line with its placeholders filled, or null when one of them has no value.</summary>
    private static string? Line(string template, Dictionary<string, string> values)
    {
        if (!template.Contains('{')) return template;
        var line = new StringBuilder(template.Length + 32);
        return TryAppend(line, template, values) ? line.ToString() : null;
    }

    /// <summary>
    /// Appends the line with its <c>{key}</c> placeholders (lower-case letters and underscores) filled; false, with
    /// part of it appended, when one of them has no value. Scanned by hand: every order's email passes here, and the
    /// regex it replaces cost ~2 KB of matches and groups per email and its engine's compilation on the first order.
    /// </summary>
    private static bool TryAppend(StringBuilder line, string template, Dictionary<string, string> values)
    {
        var lookup = values.GetAlternateLookup<ReadOnlySpan<char>>();
        var copied = 0;
        for (var open = template.IndexOf('{'); open >= 0;)
        {
            var end = open + 1;
            while (end < template.Length && template[end] is (>= 'a' and <= 'z') or '_') end++;
            if (end == open + 1 || end == template.Length || template[end] != '}')
            {
                open = template.IndexOf('{', open + 1);
                continue;
            }
            if (!lookup.TryGetValue(template.AsSpan(open + 1, end - open - 1), out var value)) return false;
            line.Append(template, copied, open - copied).Append(value);
            copied = end + 1;
            open = template.IndexOf('{', copied);
        }
        line.Append(template, copied, template.Length - copied);
        return true;
    }
}

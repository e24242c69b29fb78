using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Ecommerce.Dashboard.Api;
using Ecommerce.Notifications.Contracts;
using Ecommerce.Notifications.Templates;
using Ecommerce.Orders.Contracts;
using Ecommerce.Payments.Contracts;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Fuzz;

/// <summary>
/// What a client's bytes reach, each as one function of a byte array. An exception escaping a target is a finding:
/// in the host it would be a 500 (or, for a stack overflow, the end of the process).
/// </summary>
internal static class Targets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
    {
        ["json-syntax"] = JsonSyntax,
        ["json-body"] = JsonBodies,
        ["csv-import"] = CsvImport,
    };

    /// <summary>
    /// CPython's diagnosis against System.Text.Json's parser: whatever the real parser accepts, the diagnosis must
    /// accept too, and whatever it refuses, the diagnosis must place (except NaN and Infinity, which only Python reads).
    /// </summary>
    private static void JsonSyntax(byte[] input)
    {
        if (!Utf8.IsValid(input)) return;
        var error = PythonJsonSyntax.FindError(input);
        bool parses;
        try
        {
            using var document = JsonDocument.Parse(input, new JsonDocumentOptions { MaxDepth = PythonJsonSyntax.MaxDepth });
            parses = true;
            JsonEscapes.FindLoneSurrogate(input);
        }
        catch (JsonException)
        {
            parses = false;
        }
        if (parses && error is not null)
            throw new InvalidOperationException($"System.Text.Json parses it, the diagnosis says {error}");
        var pythonOnly = input.AsSpan().IndexOf("NaN"u8) >= 0 || input.AsSpan().IndexOf("Infinity"u8) >= 0;
        if (!parses && error is null && !pythonOnly)
            throw new InvalidOperationException("System.Text.Json refuses it, the diagnosis finds nothing");
    }

    /// <summary>The first byte picks one of the API's request bodies; the rest is the body, read as the endpoint reads it.</summary>
    private static void JsonBodies(byte[] input)
    {
        if (input.Length == 0) return;
        var readers = Readers;
        var read = readers[input[0] % readers.Length].Read;
        var errors = new List<ValidationError>();
        try
        {
            var value = JsonBody.Read(input[1..], "application/json", read, errors, out var document);
            using (document)
            {
                if (value is not null) Render(value);
                // The 422 is written back with the client's own input in it: that must always serialise.
                JsonSerializer.SerializeToUtf8Bytes(new { detail = errors }, WireJson.Options);
            }
        }
        catch (ApiException)
        {
            // The API's own refusals (400 for a body that is not UTF-8, 413 for too many batch items) are answers.
        }
    }

    /// <summary>A valid notification is rendered too: template_data is the client's.</summary>
    private static void Render(object value)
    {
        switch (value)
        {
            case SendEmailRequest email when TemplateCatalog.All.TryGetValue(email.TemplateName, out var template):
                TemplateRenderer.Email(template, email.OrderId, email.TemplateData);
                break;
            case SendSmsRequest sms when TemplateCatalog.All.TryGetValue(sms.TemplateName, out var template):
                TemplateRenderer.Sms(template, sms.OrderId, sms.TemplateData);
                break;
        }
    }

    private static readonly (string Name, Func<JsonFields, object?> Read)[] Readers =
    [
        ("orders.create", b => CreateOrderRequest.Read(b)),
        ("orders.bulk", b => BulkOrdersRequest.Read(b)),
        ("orders.status", b => UpdateStatusRequest.Read(b)),
        ("orders.webhook", b => PaymentWebhookRequest.Read(b)),
        ("orders.webhook-batch", b => PaymentWebhookBatchRequest.Read(b)),
        ("payments.create", b => CreatePaymentRequest.Read(b)),
        ("payments.batch", b => PaymentBatchRequest.Read(b)),
        ("payments.refund", b => RefundRequest.Read(b)),
        ("notifications.email", b => SendEmailRequest.Read(b)),
        ("notifications.sms", b => SendSmsRequest.Read(b)),
        ("notifications.email-batch", b => SendEmailBatchRequest.Read(b)),
        ("notifications.sms-batch", b => SendSmsBatchRequest.Read(b)),
    ];

    /// <summary>The dashboard's CSV import: parse, check every row, group into orders, write the results file back.</summary>
    private static void CsvImport(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var plan = ImportPlan.FromCsv(text);
        foreach (var row in plan.Rows) Csv.Line([row.Line, row.OrderRef, row.CustomerEmail, string.Join("; ", row.Errors)]);
    }
}

using System.Text.Json;
using Ecommerce.Notifications.Templates;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Notifications.Contracts;

/// <summary>An email to send: the template and the values it fills in (unknown templates are refused with 400).</summary>
public sealed record SendEmailRequest(int OrderId, string ToEmail, string TemplateName, IReadOnlyDictionary<string, JsonElement> TemplateData)
    : IJsonRequest<SendEmailRequest>
{
    public static object Example { get; } = new
    {
        OrderId = 1,
        ToEmail = "tanaka@example.co.jp",
        TemplateName = "ORDER_CONFIRMATION",
        TemplateData = new Dictionary<string, object> { ["customer_name"] = "田中太郎", ["item_count"] = 3, ["total_amount"] = 183100.0m },
    };

    public static ValueTask<SendEmailRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    public static SendEmailRequest Read(JsonFields body) => new(
        body.Int("order_id"), body.Email("to_email"), body.Known("template_name", TemplateCatalog.Names), body.Dictionary("template_data"));
}

/// <summary>A text message to send to an E.164 number: the template and the values it fills in.</summary>
public sealed record SendSmsRequest(int OrderId, string ToPhone, string TemplateName, IReadOnlyDictionary<string, JsonElement> TemplateData)
    : IJsonRequest<SendSmsRequest>
{
    public static object Example { get; } = new
    {
        OrderId = 1,
        ToPhone = "+819012345678",
        TemplateName = "ORDER_SHIPPED",
        TemplateData = new Dictionary<string, object> { ["customer_name"] = "田中太郎" },
    };

    /// <summary>D21: E.164 — '+', then 8 to 15 digits, the first not 0.</summary>
    public const string PhonePattern = @"^\+[1-9][0-9]{7,14}$";

    public static ValueTask<SendSmsRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    public static SendSmsRequest Read(JsonFields body) => new(
        body.Int("order_id"), body.String("to_phone", pattern: PhonePattern), body.Known("template_name", TemplateCatalog.Names), body.Dictionary("template_data"));
}

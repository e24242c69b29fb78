using System.Text.Json;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Notifications.Contracts;

public sealed record SendEmailRequest(int OrderId, string ToEmail, string TemplateName, IReadOnlyDictionary<string, JsonElement> TemplateData)
{
    public static ValueTask<SendEmailRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    internal static SendEmailRequest Read(JsonFields body) => new(
        body.Int("order_id"), body.Email("to_email"), body.String("template_name"), body.Dictionary("template_data"));
}

public sealed record SendSmsRequest(int OrderId, string ToPhone, string TemplateName, IReadOnlyDictionary<string, JsonElement> TemplateData)
{
    /// <summary>D21: E.164 — '+', then 8 to 15 digits, the first not 0.</summary>
    public const string PhonePattern = @"^\+[1-9][0-9]{7,14}$";

    public static ValueTask<SendSmsRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    internal static SendSmsRequest Read(JsonFields body) => new(
        body.Int("order_id"), body.String("to_phone", pattern: PhonePattern), body.String("template_name"), body.Dictionary("template_data"));
}

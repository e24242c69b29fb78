namespace Ecommerce.Notifications.Templates;

/// <summary>
/// A message as data: a subject and bodies made of lines with <c>{placeholders}</c>. A line whose placeholder has
/// no value is left out, so missing template_data never shows a raw <c>{placeholder}</c> (D20).
/// </summary>
internal sealed record NotificationTemplate(string Name, string Subject, IReadOnlyList<string> EmailBody, IReadOnlyList<string> SmsBody);

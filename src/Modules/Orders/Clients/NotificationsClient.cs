using System.Net.Http.Json;
using Ecommerce.Shared.Json;

namespace Ecommerce.Orders.Clients;

/// <summary>Orders' view of the Notifications API (contract 5.2): a failure, 429 included, is logged and never fails the order.</summary>
internal sealed class NotificationsClient(HttpClient http, ILogger<NotificationsClient> logger)
{
    public async Task<bool> SendEmailAsync(int orderId, string toEmail, string templateName, IReadOnlyDictionary<string, object> templateData)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("notifications/email",
                new SendEmail(orderId, toEmail, templateName, templateData), WireJson.Options);
            if (response.IsSuccessStatusCode) return true;
            logger.LogWarning("{TemplateName} email for order {OrderId} refused: {StatusCode} {Reason}",
                templateName, orderId, (int)response.StatusCode, await ErrorDetail.ReadAsync(response));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("{TemplateName} email for order {OrderId} failed: {Error}", templateName, orderId, exception.Message);
        }
        return false;
    }

    private sealed record SendEmail(int OrderId, string ToEmail, string TemplateName, IReadOnlyDictionary<string, object> TemplateData);
}

using System.Net;
using System.Net.Http.Json;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Json;

namespace Ecommerce.Orders.Clients;

/// <summary>Orders' view of the Notifications API (contract 5.2): a failure, 429 included, is logged and never fails the order.</summary>
internal sealed class NotificationsClient(HttpClient http, ILogger<NotificationsClient> logger)
{
    private const int BatchAttempts = 5;

    public async Task<bool> SendEmailAsync(EmailMessage email)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("notifications/email", email, WireJson.Options);
            if (response.IsSuccessStatusCode) return true;
            logger.LogWarning("{TemplateName} email for order {OrderId} refused: {StatusCode} {Reason}",
                email.TemplateName, email.OrderId, (int)response.StatusCode, await ErrorDetail.ReadAsync(response));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("{TemplateName} email for order {OrderId} failed: {Error}", email.TemplateName, email.OrderId, exception.Message);
        }
        return false;
    }

    /// <summary>
    /// Many emails in one request (one of the 10 per second), asking for outcomes only. A bulk import is ours to pace,
    /// so a 429 here is waited out (Retry-After) rather than dropped; anything else is logged like a single email.
    /// </summary>
    public async Task<bool> SendEmailBatchAsync(IReadOnlyList<EmailMessage> emails)
    {
        if (emails.Count == 0) return true;
        for (var attempt = 1; attempt <= BatchAttempts; attempt++)
        {
            try
            {
                using var request = ReturnMinimal.Post("notifications/email/batch", new EmailBatch(emails));
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode) return true;
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < BatchAttempts)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                    continue;
                }
                logger.LogWarning("Batch of {Count} emails refused: {StatusCode} {Reason}",
                    emails.Count, (int)response.StatusCode, await ErrorDetail.ReadAsync(response));
                return false;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                logger.LogWarning("Batch of {Count} emails failed: {Error}", emails.Count, exception.Message);
                return false;
            }
        }
        return false;
    }

    private sealed record EmailBatch(IReadOnlyList<EmailMessage> Notifications);
}

/// <summary>The body of POST /notifications/email (contract 4.1).</summary>
internal sealed record EmailMessage(int OrderId, string ToEmail, string TemplateName, IReadOnlyDictionary<string, object> TemplateData);

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ecommerce.Orders.Outbox;
using Ecommerce.Shared.Json;

namespace Ecommerce.Orders.Clients;

/// <summary>
/// Orders' view of the Notifications API (contract 5.2). A failure never fails the order: it comes back as an
/// <see cref="EmailAttempt"/> saying whether the email is owed (429, 5xx, timeout, no connection) or refused for good.
/// </summary>
internal sealed class NotificationsClient(HttpClient http, ILogger<NotificationsClient> logger)
{
    private const int BatchAttempts = 5;

    public async Task<EmailAttempt> SendEmailAsync(EmailMessage email)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("notifications/email", email, WireJson.Options);
            if (response.IsSuccessStatusCode) return EmailAttempt.Sent;
            var attempt = await FailedAsync(response);
            logger.LogWarning("{TemplateName} email for order {OrderId} not taken: {StatusCode} {Reason}",
                email.TemplateName, email.OrderId, (int)response.StatusCode, attempt.Error);
            return attempt;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("{TemplateName} email for order {OrderId} failed: {Error}", email.TemplateName, email.OrderId, exception.Message);
            return new EmailAttempt(EmailDelivery.Retry, exception.Message);
        }
    }

    /// <summary>
    /// Many emails in one request (one of the 10 per second), asking for outcomes only; each message is already wire
    /// JSON. With <paramref name="waitOut429"/> (a bulk import, ours to pace) a 429 is waited out (Retry-After) a few times.
    /// </summary>
    public async Task<EmailAttempt> SendEmailBatchAsync(IReadOnlyList<string> messages, bool waitOut429 = false)
    {
        if (messages.Count == 0) return EmailAttempt.Sent;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "notifications/email/batch")
                {
                    Content = new StringContent($"{{\"notifications\":[{string.Join(',', messages)}]}}", Encoding.UTF8, "application/json"),
                    Headers = { { "Prefer", "return=minimal" } },
                };
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    await LogRefusedItemsAsync(response, messages.Count);
                    return EmailAttempt.Sent;
                }
                var failed = await FailedAsync(response);
                if (waitOut429 && response.StatusCode == HttpStatusCode.TooManyRequests && attempt < BatchAttempts)
                {
                    await Task.Delay(failed.RetryAfter ?? TimeSpan.FromSeconds(1));
                    continue;
                }
                logger.LogWarning("Batch of {Count} emails not taken: {StatusCode} {Reason}", messages.Count, (int)response.StatusCode, failed.Error);
                return failed;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                logger.LogWarning("Batch of {Count} emails failed: {Error}", messages.Count, exception.Message);
                return new EmailAttempt(EmailDelivery.Retry, exception.Message);
            }
        }
    }

    /// <summary>The templates of the emails Notifications holds for an order, or null when it does not answer.</summary>
    public async Task<IReadOnlyList<string>?> TemplatesSentAsync(int orderId)
    {
        try
        {
            using var response = await http.GetAsync($"notifications/order/{orderId}");
            response.EnsureSuccessStatusCode();
            using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            return document.RootElement.EnumerateArray().Select(n => n.GetProperty("template_name").GetString()!).ToList();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            logger.LogWarning("Emails of order {OrderId} could not be read: {Error}", orderId, exception.Message);
            return null;
        }
    }

    /// <summary>429 and server-side failures are worth another try; any other refusal would be refused again.</summary>
    private static async Task<EmailAttempt> FailedAsync(HttpResponseMessage response)
    {
        var reason = await ErrorDetail.ReadAsync(response);
        var status = (int)response.StatusCode;
        if (status == StatusCodes.Status429TooManyRequests)
            return new EmailAttempt(EmailDelivery.Retry, reason, response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        return new EmailAttempt(status >= 500 || status == StatusCodes.Status408RequestTimeout ? EmailDelivery.Retry : EmailDelivery.Refused, reason);
    }

    /// <summary>Items of a taken batch that Notifications refused (invalid) are refused for good: logged, not retried.</summary>
    private async Task LogRefusedItemsAsync(HttpResponseMessage response, int count)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            if (document.RootElement.TryGetProperty("failed", out var failed) && failed.TryGetInt32(out var refused) && refused > 0)
                logger.LogWarning("{Refused} of a batch of {Count} emails refused by Notifications", refused, count);
        }
        catch (JsonException)
        {
        }
    }
}

/// <summary>The body of POST /notifications/email (contract 4.1).</summary>
internal sealed record EmailMessage(int OrderId, string ToEmail, string TemplateName, IReadOnlyDictionary<string, object> TemplateData);

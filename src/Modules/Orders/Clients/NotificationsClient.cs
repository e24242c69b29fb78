using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ecommerce.Orders.Outbox;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.Outbox;

namespace Ecommerce.Orders.Clients;

/// <summary>
/// Orders' view of the Notifications API (contract 5.2). A failure never fails the order: it comes back as an
/// <see cref="Attempt"/> saying whether the email is owed (429, 5xx, timeout, no connection) or refused for good.
/// </summary>
internal sealed class NotificationsClient(HttpClient http, ILogger<NotificationsClient> logger)
{
    private const int BatchAttempts = 5;

    public Task<Attempt> SendEmailAsync(EmailMessage email) =>
        SendEmailAsync(email.OrderId, email.TemplateName, JsonSerializer.Serialize(email, WireJson.Options));

    /// <summary>One email whose body is already wire JSON (as the outbox keeps it).</summary>
    public async Task<Attempt> SendEmailAsync(int orderId, string templateName, string message)
    {
        using var content = new StringContent(message, Encoding.UTF8, "application/json");
        var attempt = await Attempt.OfCallAsync(() => http.PostAsync("notifications/email", content));
        if (attempt.Delivery != Delivery.Done)
            logger.LogWarning("{TemplateName} email for order {OrderId} not taken ({Answer}): {Error}", templateName, orderId, attempt.Answer, attempt.Error);
        return attempt;
    }

    /// <summary>
    /// Many emails in one request (one of the 10 per second), asking for outcomes only; each message is already wire
    /// JSON. With <paramref name="waitOut429"/> (a bulk import, ours to pace) a 429 is waited out (Retry-After) a few times.
    /// </summary>
    public async Task<Attempt> SendEmailBatchAsync(IReadOnlyList<string> messages, bool waitOut429 = false)
    {
        if (messages.Count == 0) return Attempt.Done;
        for (var tries = 1; ; tries++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "notifications/email/batch")
            {
                Content = new BatchContent(messages),
                Headers = { { "Prefer", "return=minimal" } },
            };
            var attempt = await Attempt.OfCallAsync(() => http.SendAsync(request), response => LogRefusedItemsAsync(response, messages.Count));
            if (waitOut429 && attempt.StatusCode == (int)HttpStatusCode.TooManyRequests && tries < BatchAttempts)
            {
                await Task.Delay(attempt.RetryAfter ?? TimeSpan.FromSeconds(1));
                continue;
            }
            if (attempt.Delivery != Delivery.Done)
                logger.LogWarning("Batch of {Count} emails not taken ({Answer}): {Error}", messages.Count, attempt.Answer, attempt.Error);
            return attempt;
        }
    }

    /// <summary>The templates of the emails Notifications holds for an order, or null when it does not answer.</summary>
    public Task<IReadOnlyList<string>?> TemplatesSentAsync(int orderId) => Call.OrNoAnswerAsync<IReadOnlyList<string>?>(async () =>
    {
        using var response = await http.GetAsync($"notifications/order/{orderId}");
        response.EnsureSuccessStatusCode();
        var sent = await response.Content.ReadFromJsonAsync<List<SentEmail>>(WireJson.Options) ?? [];
        return sent.Select(n => n.TemplateName).ToList();
    }, exception =>
    {
        logger.LogWarning("Emails of order {OrderId} could not be read: {Error}", orderId, exception.Message);
        return null;
    });

    /// <summary>Items of a taken batch that Notifications refused (invalid) are refused for good: logged, not retried.</summary>
    private async Task<Attempt> LogRefusedItemsAsync(HttpResponseMessage response, int count)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            if (document.RootElement.TryGetProperty("failed", out var failed) && failed.TryGetInt32(out var refused) && refused > 0)
                logger.LogWarning("{Refused} of a batch of {Count} emails refused by Notifications", refused, count);
        }
        catch (JsonException)
        {
            // The batch was taken (2xx); only its tally is unreadable.
        }
        return Attempt.Done;
    }

    private sealed record SentEmail(string TemplateName);

    /// <summary>
    /// <c>{"notifications":[…]}</c> of messages already rendered, encoded into pooled pieces as it is sent: joined into one
    /// string first, a bulk import's batches cost ~10 MB of large objects (the joined string, its copy, its bytes).
    /// </summary>
    private sealed class BatchContent : HttpContent
    {
        private static ReadOnlySpan<byte> Head => "{\"notifications\":["u8;
        private static ReadOnlySpan<byte> Tail => "]}"u8;
        private readonly IReadOnlyList<string> _messages;

        public BatchContent(IReadOnlyList<string> messages)
        {
            _messages = messages;
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            using var body = new PooledSegments();
            body.Write(Head);
            for (var i = 0; i < _messages.Count; i++)
            {
                if (i > 0) body.Write(","u8);
                var message = _messages[i];
                body.Advance(Encoding.UTF8.GetBytes(message, body.GetSpan(Encoding.UTF8.GetMaxByteCount(message.Length))));
            }
            body.Write(Tail);
            var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
            await body.CopyToAsync(writer);
            await writer.CompleteAsync();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Head.Length + Tail.Length + Math.Max(0, _messages.Count - 1);
            foreach (var message in _messages) length += Encoding.UTF8.GetByteCount(message);
            return true;
        }
    }
}

/// <summary>The body of POST /notifications/email (contract 4.1).</summary>
internal sealed record EmailMessage(int OrderId, string ToEmail, string TemplateName, IReadOnlyDictionary<string, object> TemplateData);

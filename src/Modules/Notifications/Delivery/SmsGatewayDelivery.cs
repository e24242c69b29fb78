using System.Net.Http.Headers;
using System.Text.Json;
using Ecommerce.Notifications.Domain;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Security;
using Microsoft.Extensions.Options;

namespace Ecommerce.Notifications.Delivery;

/// <summary>
/// Text messages through an HTTP gateway: <c>POST {Notifications:Sms:Url}</c> with <c>{"to","body","reference"}</c> and
/// <c>Authorization: Bearer {Token}</c>, signed like the webhooks when <c>Webhooks:SigningSecrets</c> is set (the
/// reference is the webhook id, the same on every attempt). 2xx: taken; 429, 408 and 5xx, a timeout or no connection:
/// tried again; another 4xx: refused for good. Any provider can be reached this way, directly or through a small relay.
/// </summary>
internal sealed class SmsGatewayDelivery(HttpClient http, IOptions<NotificationsOptions> options, WebhookSigning signing, TimeProvider clock)
    : IDeliveryProvider
{
    private const int MaxReplyLength = 200;

    private readonly SmsOptions _sms = options.Value.Sms;

    public string Channel => Notification.Sms;

    /// <summary>Requests in flight at once; HttpClient pools the connections.</summary>
    public int Lanes => 4;

    public string NewMessageId() => $"sms_{Guid.NewGuid():N}";

    public async Task<IReadOnlyList<Attempt>> DeliverAsync(IReadOnlyList<Notification> notifications, int lane, CancellationToken cancellationToken)
    {
        var outcomes = new List<Attempt>(notifications.Count);
        foreach (var notification in notifications) outcomes.Add(await DeliverAsync(notification, cancellationToken));
        return outcomes;
    }

    private async Task<Attempt> DeliverAsync(Notification notification, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new SmsMessage(notification.Recipient, notification.Body, notification.MessageId!), WireJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, _sms.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (_sms.Token is { Length: > 0 } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (signing.Enabled)
            foreach (var (name, value) in signing.Headers(notification.MessageId!, clock.GetUtcNow(), body)) request.Headers.TryAddWithoutValidation(name, value);
        return await Attempt.OfCallAsync(() => http.SendAsync(request, cancellationToken), async response =>
        {
            var reply = await response.Content.ReadAsStringAsync(cancellationToken);
            return Attempt.Accepted($"{(int)response.StatusCode} {(reply.Length > MaxReplyLength ? reply[..MaxReplyLength] : reply)}".TrimEnd());
        }, cancellationToken);
    }

    private sealed record SmsMessage(string To, string Body, string Reference);
}

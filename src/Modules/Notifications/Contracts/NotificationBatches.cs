using System.Text.Json.Serialization;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Validation;

namespace Ecommerce.Notifications.Contracts;

/// <summary>Additive: many emails in one request, which counts once against the email rate limit.</summary>
public sealed record SendEmailBatchRequest(IReadOnlyList<BatchItem<SendEmailRequest>> Notifications) : IJsonRequest<SendEmailBatchRequest>
{
    public static object Example { get; } = new { Notifications = new[] { SendEmailRequest.Example } };

    public const int MaxItems = 10_000;

    public static ValueTask<SendEmailBatchRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    public static SendEmailBatchRequest Read(JsonFields body) => new(body.Batch("notifications", MaxItems, SendEmailRequest.Read));
}

/// <summary>Additive: many text messages in one request, which counts once against the SMS rate limit.</summary>
public sealed record SendSmsBatchRequest(IReadOnlyList<BatchItem<SendSmsRequest>> Notifications) : IJsonRequest<SendSmsBatchRequest>
{
    public static object Example { get; } = new { Notifications = new[] { SendSmsRequest.Example } };

    public static ValueTask<SendSmsBatchRequest?> BindAsync(HttpContext context) => JsonBody.BindAsync(context, Read);

    public static SendSmsBatchRequest Read(JsonFields body) => new(body.Batch("notifications", SendEmailBatchRequest.MaxItems, SendSmsRequest.Read));
}

public sealed record NotificationBatchResponse(int Created, int Failed, IReadOnlyList<NotificationBatchResult> Results);

/// <summary>A created item has its id, and its notification unless the caller sent <c>Prefer: return=minimal</c>.</summary>
public sealed record NotificationBatchResult(
    int Index,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Id = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NotificationResponse? Notification = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ValidationError>? Errors = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null);

using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Hosting;

namespace Ecommerce.Shared.Security;

/// <summary>Endpoint metadata: the endpoint takes only webhooks signed with <c>Webhooks:SigningSecrets</c>.</summary>
public sealed record SignedWebhookEndpoint;

/// <summary>
/// The receiving side of <see cref="WebhookSigning"/>: a signed-webhook endpoint checks the signature before anything else
/// reads the body (missing, wrong, or a timestamp over 5 minutes off: 401 and nothing changes), then hands its handler
/// the verified <c>webhook-id</c> (<see cref="VerifiedId"/>), which the handler applies once.
/// </summary>
public static class SignedWebhooks
{
    /// <summary>Ids this long are refused: an id is stored with the webhook it names.</summary>
    public const int MaxIdLength = 200;

    public static RouteHandlerBuilder AcceptsSignedWebhooks(this RouteHandlerBuilder endpoint, WebhookSigning signing) =>
        signing.Enabled ? endpoint.WithMetadata(new SignedWebhookEndpoint()) : endpoint;

    /// <summary>The <c>webhook-id</c> of this request once its signature was verified; null when signing is off.</summary>
    public static string? VerifiedId(HttpContext context) => context.Items[typeof(SignedWebhookEndpoint)] as string;

    internal static async Task Verify(HttpContext context, Func<Task> next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<SignedWebhookEndpoint>() is null)
        {
            await next();
            return;
        }
        var services = context.RequestServices;
        var request = context.Request;
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        request.Body.Position = 0;
        var refusal = services.GetRequiredService<WebhookSigning>().Refusal(
            request.Headers[WebhookSigning.IdHeader], request.Headers[WebhookSigning.TimestampHeader], request.Headers[WebhookSigning.SignatureHeader],
            body.GetBuffer().AsSpan(0, (int)body.Length), services.GetRequiredService<TimeProvider>().GetUtcNow());
        string id = request.Headers[WebhookSigning.IdHeader].ToString();
        if (refusal is null && id.Length > MaxIdLength) refusal = $"Webhook id is over {MaxIdLength} characters";
        if (refusal is null)
        {
            context.Items[typeof(SignedWebhookEndpoint)] = id;
            await next();
            return;
        }
        var module = services.GetRequiredService<ModuleRegistry>().ModuleAt(context.Connection.LocalPort) ?? "none";
        services.GetRequiredService<ApiAuthMetrics>().Refused(module, "bad_signature");
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignedWebhooks).FullName!)
            .LogWarning("{Module:l} refused webhook {Method:l} {Path:l}: {Refusal:l}", module, request.Method, request.Path.Value, refusal);
        await ErrorBody.WriteAsync(context, StatusCodes.Status401Unauthorized, refusal);
    }
}

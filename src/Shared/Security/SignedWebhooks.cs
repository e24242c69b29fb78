using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Shared.Security;

/// <summary>Endpoint metadata: the endpoint takes only webhooks signed with <c>Webhooks:SigningSecrets</c>.</summary>
public sealed record SignedWebhookEndpoint;

/// <summary>
/// The receiving side of <see cref="WebhookSigning"/>: a signed-webhook endpoint checks the signature before anything else
/// reads the body (missing, wrong, or a timestamp over 5 minutes off: 401 and nothing changes), and answers a
/// <c>webhook-id</c> it has already applied as it did the first time, without a second effect (the idempotency keys'
/// mechanism, keyed by the webhook's id).
/// </summary>
public static class SignedWebhooks
{
    public static RouteHandlerBuilder AcceptsSignedWebhooks<TContext>(this RouteHandlerBuilder endpoint, WebhookSigning signing)
        where TContext : DbContext =>
        signing.Enabled ? endpoint.WithMetadata(new SignedWebhookEndpoint()).AcceptsIdempotencyKey<TContext>(WebhookSigning.IdHeader) : endpoint;

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
        if (refusal is null)
        {
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

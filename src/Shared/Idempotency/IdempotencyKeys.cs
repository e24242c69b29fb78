using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ecommerce.Shared.Idempotency;

/// <summary>Endpoint metadata: the endpoint honours <c>Idempotency-Key</c>, keeping keys in <see cref="DbContext"/>.</summary>
public sealed record IdempotentEndpoint(Type DbContext);

/// <summary>
/// <c>Idempotency-Key</c> (IETF httpapi draft, Stripe's semantics) on the endpoints that create or move money:
/// a repeat with the same key and the same request gets the first answer again (same status and body, plus
/// <c>Idempotent-Replayed: true</c>) and does nothing; the same key with another request is 422; a repeat while the
/// first is still running is 409. The database's primary key on the key decides which of concurrent repeats runs.
/// An answer is kept when the handler wrote it (2xx, 4xx); a refused body (422 before anything ran), an exception or
/// a 5xx releases the key, so the client can send it again. Without the header nothing changes.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>A first request still "running" after this long died with its process; its key can be used again.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(15);

    /// <summary>When each module's table was last swept of expired keys.</summary>
    private static readonly ConcurrentDictionary<Type, long> LastSweep = new();

    public static RouteHandlerBuilder AcceptsIdempotencyKey<TContext>(this RouteHandlerBuilder endpoint) where TContext : DbContext =>
        endpoint.WithMetadata(new IdempotentEndpoint(typeof(TContext)));

    internal static async Task Apply(HttpContext context, Func<Task> next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is not { } endpoint
            || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next();
            return;
        }
        var key = values.ToString();
        if (key.Length is 0 or > IdempotencyRecord.MaxKeyLength || key.Any(c => c is < ' ' or > '~'))
        {
            await ErrorBody.WriteAsync(context, StatusCodes.Status400BadRequest,
                $"{Header} must be 1 to {IdempotencyRecord.MaxKeyLength} printable ASCII characters");
            return;
        }

        var db = (DbContext)context.RequestServices.GetRequiredService(endpoint.DbContext);
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var retention = context.RequestServices.GetRequiredService<IOptions<IdempotencySettings>>().Value.Retention;
        await ForgetExpiredAsync(db, now - retention);
        var fingerprint = await FingerprintAsync(context.Request);
        if (!await TryClaimAsync(db, key, fingerprint, now, retention))
        {
            await AnswerRepeatAsync(context, db, key, fingerprint);
            return;
        }

        var client = context.Response.Body;
        using var answer = new MemoryStream();
        context.Response.Body = answer;
        try
        {
            await next();
        }
        catch
        {
            context.Response.Body = client;
            await ReleaseAsync(db, key);
            throw;
        }
        context.Response.Body = client;
        var status = context.Response.StatusCode;
        if (status >= 500) await ReleaseAsync(db, key);
        else
        {
            var body = answer.ToArray();
            var contentType = context.Response.ContentType;
            await db.Set<IdempotencyRecord>().Where(r => r.Key == key).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.StatusCode, status).SetProperty(r => r.ContentType, contentType).SetProperty(r => r.Body, body));
        }
        answer.Position = 0;
        await answer.CopyToAsync(client, context.RequestAborted);
    }

    /// <summary>The key is this request's now, or another request holds it (the primary key refused the insert).</summary>
    private static async Task<bool> TryClaimAsync(DbContext db, string key, string fingerprint, DateTime now, TimeSpan retention)
    {
        var existing = await db.Set<IdempotencyRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Key == key);
        // An expired key, or a first request that died with its process, is taken over (if two try, one delete wins).
        if (existing is not null && (existing.CreatedAt < now - retention || (existing.StatusCode is null && existing.CreatedAt < now - Abandoned)))
            await db.Set<IdempotencyRecord>().Where(r => r.Key == key && r.CreatedAt == existing.CreatedAt).ExecuteDeleteAsync();
        else if (existing is not null) return false;

        var record = new IdempotencyRecord { Key = key, Fingerprint = fingerprint, CreatedAt = now };
        db.Add(record);
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            return false;
        }
        finally
        {
            db.Entry(record).State = EntityState.Detached;
        }
    }

    private static async Task AnswerRepeatAsync(HttpContext context, DbContext db, string key, string fingerprint)
    {
        var first = await db.Set<IdempotencyRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Key == key);
        if (first is null || first.StatusCode is null)
        {
            await ErrorBody.WriteAsync(context, StatusCodes.Status409Conflict,
                $"A request with this {Header} is still being processed; send it again once it has finished");
            return;
        }
        if (first.Fingerprint != fingerprint)
        {
            await ErrorBody.WriteAsync(context, StatusCodes.Status422UnprocessableEntity,
                $"This {Header} was already used with a different request; use a new key for a new request");
            return;
        }
        context.Response.StatusCode = first.StatusCode.Value;
        context.Response.ContentType = first.ContentType;
        context.Response.Headers[ReplayedHeader] = "true";
        var body = first.Body ?? [];
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static Task ReleaseAsync(DbContext db, string key) =>
        db.Set<IdempotencyRecord>().Where(r => r.Key == key && r.StatusCode == null).ExecuteDeleteAsync();

    /// <summary>Method, path and body: the same key may only ever stand for the same request.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) hash.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Expired keys are deleted at most once a minute per module.</summary>
    private static async Task ForgetExpiredAsync(DbContext db, DateTime cutoff)
    {
        var type = db.GetType();
        var last = LastSweep.GetOrAdd(type, 0);
        if (cutoff.Ticks - last < TimeSpan.TicksPerMinute || !LastSweep.TryUpdate(type, cutoff.Ticks, last)) return;
        await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync();
    }
}

/// <summary><c>Idempotency:RetentionHours</c> (default 24): how long a key is answered before it is forgotten.</summary>
public sealed class IdempotencySettings : IModuleOptions
{
    public const string Section = "Idempotency";

    public int RetentionHours { get; init; } = 24;

    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);

    public IEnumerable<string> Problems() => ModuleOptions.Positive("Idempotency:RetentionHours", RetentionHours);
}

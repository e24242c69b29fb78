using Ecommerce.Shared.Json;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Security;
using Ecommerce.Shared.Stats;
using Ecommerce.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Shared.Persistence;

/// <summary>
/// GET /api/v1/{module}/audit?skip&amp;limit&amp;actor&amp;action&amp;subject&amp;from&amp;to (additive): the module's audit rows,
/// newest first; <c>actor</c> and <c>action</c> match exactly, <c>subject</c> too (<c>order 42</c>); <c>from</c> and
/// <c>to</c> bound their time as a list's creation window does. One route for every module that keeps an audit log.
/// </summary>
public static class AuditLogRoute
{
    public static RouteHandlerBuilder MapAuditLog<TContext>(this RouteGroupBuilder group, string name, string scope) where TContext : DbContext, IAudited =>
        group.MapGet("/audit", (ListAuditLog query, HttpContext http, CancellationToken ct) => ListAsync(http.RequestServices.GetRequiredService<TContext>(), query, ct))
            .WithName(name).WithSummary("Who changed what and when in this module (orders created, moved, paid, refunded...), newest first, a page at a time.")
            .RequireScope(scope).Produces<IReadOnlyList<AuditEntryResponse>>();

    private static async Task<IResult> ListAsync(DbContext db, ListAuditLog query, CancellationToken ct)
    {
        var rows = db.Set<AuditEntry>().AsQueryable();
        if (query.Actor is { } actor) rows = rows.Where(e => e.Actor == actor);
        if (query.Action is { } action) rows = rows.Where(e => e.Action == action);
        if (query.Subject is { } subject) rows = rows.Where(e => e.Subject == subject);
        if (query.Window.From is { } from) rows = rows.Where(e => e.At >= from);
        if (query.Window.To is { } to) rows = rows.Where(e => e.At < to);
        var page = await rows.OrderByDescending(e => e.Id).Skip(query.Skip).Take(query.Limit)
            .Select(e => new AuditEntryResponse(e.Id, e.At, e.Actor, e.Action, e.Subject, e.Detail)).ToListAsync(ct);
        return Wire.Ok(page);
    }
}

/// <summary>The audit route's query: a page (D11's skip and limit) and exact filters.</summary>
public sealed record ListAuditLog(int Skip, int Limit, string? Actor, string? Action, string? Subject, CreatedBetween Window) : IQueryRequest<ListAuditLog>
{
    public static ValueTask<ListAuditLog?> BindAsync(HttpContext context) => QueryReader.BindAsync(context, Read);

    public static ListAuditLog Read(QueryReader query)
    {
        var (skip, limit) = query.Page();
        return new ListAuditLog(skip, limit, query.String("actor"), query.String("action"), query.String("subject"), CreatedBetween.Read(query));
    }
}

/// <summary>One change: when, who (<c>admin-tool</c>, <c>dashboard:alice</c>, <c>module:Payments</c>, <c>anonymous</c>), what, and more about it.</summary>
public sealed record AuditEntryResponse(long Id, DateTime At, string Actor, string Action, string Subject, string? Detail);

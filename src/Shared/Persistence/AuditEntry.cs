using System.Collections.Concurrent;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Security;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Shared.Persistence;

/// <summary>
/// One state change and who made it, in the module's own database, written in the transaction of the change (a change is
/// never without its row). Kept <c>Audit:RetentionDays</c> (default 90).
/// </summary>
public sealed class AuditEntry
{
    public const int MaxDetailLength = 1000;

    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>Who: see <see cref="Security.Actor"/>.</summary>
    public string Actor { get; set; } = "";
    /// <summary><c>order.created</c>, <c>order.paid</c>, <c>payment.refunded</c>...</summary>
    public string Action { get; set; } = "";
    /// <summary>What changed: <c>order 42</c>.</summary>
    public string Subject { get; set; } = "";
    /// <summary>More about it (the status it left, a payment's id, a bulk import), shortened to fit.</summary>
    public string? Detail { get; set; }
}

/// <summary>A module's context that writes audit rows: the actor of its scope and the retention, given as it is resolved.</summary>
public interface IAudited
{
    Actor Actor { get; set; }
    AuditSettings AuditSettings { get; set; }
}

/// <summary><c>Audit:RetentionDays</c> (default 90): how long audit rows are kept, and when each kept log was last swept.</summary>
public sealed class AuditSettings : IModuleOptions
{
    public const string Section = "Audit";

    private readonly ConcurrentDictionary<(Type Context, Type Rows), long> _lastSweep = new();

    public int RetentionDays { get; init; } = 90;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);

    public IEnumerable<string> Problems() => ModuleOptions.WholeNumber("Audit:RetentionDays", RetentionDays, 1, 36_500);

    /// <summary>True at most once an hour per module and kind of kept rows (its audit log, its attempt log).</summary>
    private bool SweepDue((Type Context, Type Rows) kind, DateTime now)
    {
        var last = _lastSweep.GetOrAdd(kind, 0);
        return now.Ticks - last >= TimeSpan.TicksPerHour && _lastSweep.TryUpdate(kind, now.Ticks, last);
    }

    /// <summary>
    /// Now and then (at most hourly per module and kind) deletes the rows <paramref name="olderThan"/> finds before the
    /// retention's cutoff: how every kept log of a module (audit rows, attempts) stays bounded.
    /// </summary>
    public async Task SweepAsync<T>(DbContext db, DateTime now, Func<DateTime, IQueryable<T>> olderThan, CancellationToken cancellationToken = default)
    {
        if (SweepDue((db.GetType(), typeof(T)), now)) await olderThan(now - Retention).ExecuteDeleteAsync(cancellationToken);
    }
}

public static class AuditLog
{
    /// <summary>Maps the module's <c>audit_log</c> table (in the module's schema).</summary>
    public static ModelBuilder AddAuditLog(this ModelBuilder model) => model.Entity<AuditEntry>(entry =>
    {
        entry.ToTable("audit_log");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Actor).HasMaxLength(200);
        entry.Property(e => e.Action).HasMaxLength(50);
        entry.Property(e => e.Subject).HasMaxLength(100);
        entry.Property(e => e.Detail).HasMaxLength(AuditEntry.MaxDetailLength);
        entry.HasIndex(e => e.At);
    });

    /// <summary>A row for a change by this context's actor.</summary>
    public static AuditEntry AuditRow(this IAudited db, DateTime at, string action, string subject, string? detail = null) => new()
    {
        At = at, Actor = db.Actor.Name, Action = action, Subject = subject,
        Detail = detail is { Length: > AuditEntry.MaxDetailLength } ? detail[..(AuditEntry.MaxDetailLength - 1)] + "…" : detail,
    };

    /// <summary>Writes the rows in the caller's open transaction (the change's), and now and then deletes expired ones.</summary>
    public static async Task AuditAsync<TContext>(this TContext db, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
        where TContext : DbContext, IAudited
    {
        if (entries.Count == 0) return;
        await db.InsertAllAsync(entries, cancellationToken);
        await db.AuditSettings.SweepAsync(db, entries[0].At, cutoff => db.Set<AuditEntry>().Where(e => e.At < cutoff), cancellationToken);
    }
}

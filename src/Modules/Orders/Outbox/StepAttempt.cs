using Ecommerce.Orders.Data;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Orders.Outbox;

/// <summary>
/// One try at a step an order owed (an email, its chain, a refund) that was not simply done on the first try: the try
/// that failed, and the later one that got it done. What an order's story shows to answer "why is it still pending";
/// a step done at once leaves no row (its effect is the record). Kept as long as the audit log.
/// </summary>
internal sealed class StepAttempt
{
    public const string NotTaken = "not taken";
    public const string Refused = "refused";
    public const string Done = "done";

    public long Id { get; set; }
    public int OrderId { get; set; }
    public DateTime At { get; set; }
    /// <summary><c>email ORDER_CONFIRMATION</c>, <c>chain</c>, <c>refund</c>.</summary>
    public string Step { get; set; } = "";
    /// <summary><see cref="NotTaken"/> (tried again later), <see cref="Refused"/> (for good) or <see cref="Done"/>.</summary>
    public string Outcome { get; set; } = "";
    /// <summary>The error, and when the next attempt is due.</summary>
    public string? Detail { get; set; }
}

internal sealed class StepAttemptConfiguration : IEntityTypeConfiguration<StepAttempt>
{
    public void Configure(EntityTypeBuilder<StepAttempt> attempt)
    {
        attempt.ToTable("step_attempts");
        attempt.HasKey(a => a.Id);
        attempt.HasIndex(a => a.OrderId);
        attempt.Property(a => a.Step).HasMaxLength(100);
        attempt.Property(a => a.Outcome).HasMaxLength(20);
        attempt.Property(a => a.Detail).HasMaxLength(OwedWork.MaxErrorLength + 50);
    }
}

/// <summary>
/// Writes the attempt log, straight to the table (not through the context's unit of work, which may hold an order read
/// for the attempt), and now and then deletes rows older than the audit log's retention.
/// </summary>
internal static class StepAttempts
{
    public static async Task RecordAsync(this OrdersDbContext db, IEnumerable<(int OrderId, string Step)> steps, Attempt attempt, DateTime now,
        DateTime? next = null)
    {
        var outcome = attempt.Delivery switch { Delivery.Done => StepAttempt.Done, Delivery.Refused => StepAttempt.Refused, _ => StepAttempt.NotTaken };
        var detail = Detail(attempt.Error, next);
        var rows = steps.Select(s => new StepAttempt { OrderId = s.OrderId, At = now, Step = s.Step, Outcome = outcome, Detail = detail }).ToList();
        await db.InsertAllAsync(rows, CancellationToken.None);
        await db.AuditSettings.SweepAsync(db, now, cutoff => db.Set<StepAttempt>().Where(a => a.At < cutoff));
    }

    public static string Email(string templateName) => "email " + templateName;

    private static string? Detail(string? error, DateTime? next) =>
        (OwedWork.Shorten(error), next) switch
        {
            (null, null) => null,
            (var e, null) => e,
            (null, { } n) => $"next attempt at {n:yyyy-MM-ddTHH:mm:ss}Z",
            (var e, { } n) => $"{e}; next attempt at {n:yyyy-MM-ddTHH:mm:ss}Z",
        };
}

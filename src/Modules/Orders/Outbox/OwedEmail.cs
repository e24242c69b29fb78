using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Orders.Outbox;

/// <summary>
/// An email an order still owes its customer: Notifications did not take it (429, 5xx, timeout, refused connection),
/// so it waits here, in Orders' own database, until the dispatcher delivers it. Deleted once Notifications answered.
/// </summary>
internal sealed class OwedEmail
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    /// <summary>The body of POST /notifications/email as it was decided, wire JSON.</summary>
    public string Message { get; set; } = "";
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>A dispatcher that took the email holds it until then; another may take it after (one that died).</summary>
    public DateTime? ClaimedUntil { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }

    public const int MaxErrorLength = 500;

    public static string? Shorten(string? error) => error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;
}

internal sealed class OwedEmailConfiguration : IEntityTypeConfiguration<OwedEmail>
{
    public void Configure(EntityTypeBuilder<OwedEmail> email)
    {
        email.ToTable("owed_emails");
        email.HasKey(e => e.Id);
        email.HasIndex(e => e.OrderId);
        email.HasIndex(e => e.NextAttemptAt);
        email.Property(e => e.LastError).HasMaxLength(OwedEmail.MaxErrorLength);
    }
}

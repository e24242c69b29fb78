using System.Text.Json;
using Ecommerce.Shared.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Orders.Outbox;

/// <summary>
/// An email an order still owes its customer, in Orders' own database: one Notifications did not take (429, 5xx, timeout,
/// refused connection), or one written with the state change that causes it and not yet sent. The dispatcher delivers
/// what is due; a row is deleted once Notifications answered.
/// </summary>
internal sealed class OwedEmail : OwedWorkRow, IOwedPerOrder
{
    /// <summary>An order's emails go out in the order they were decided.</summary>
    public static readonly PerOrderQueue<OwedEmail> Queue = new(e => e.Id);


    public int Id { get; set; }
    public int OrderId { get; set; }
    /// <summary>The body of POST /notifications/email as it was decided, wire JSON.</summary>
    public string Message { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>The template the email was decided with (read from its message).</summary>
    public string TemplateName()
    {
        using var message = JsonDocument.Parse(Message);
        return message.RootElement.GetProperty("template_name").GetString() ?? "";
    }
}

internal sealed class OwedEmailConfiguration : IEntityTypeConfiguration<OwedEmail>
{
    public void Configure(EntityTypeBuilder<OwedEmail> email)
    {
        email.ToTable("owed_emails");
        email.HasKey(e => e.Id);
        email.HasIndex(e => e.OrderId);
        email.HasOwedWorkColumns();
    }
}

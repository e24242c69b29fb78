using Ecommerce.Shared.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Orders.Outbox;

/// <summary>
/// An order whose chain (charge it, then send the email its payment outcome calls for) has not been seen to finish.
/// Written in the same transaction as the order itself, removed once the chain settled; one still here after
/// <see cref="ChainRecovery"/>'s grace period belongs to a process that died mid-chain, and is finished by recovery.
/// </summary>
internal sealed class UnfinishedChain : OwedWorkRow, IOwedByOrder
{
    public int OrderId { get; set; }
    public DateTime StartedAt { get; set; }
}

internal sealed class UnfinishedChainConfiguration : IEntityTypeConfiguration<UnfinishedChain>
{
    public void Configure(EntityTypeBuilder<UnfinishedChain> chain)
    {
        chain.ToTable("unfinished_chains");
        chain.HasKey(c => c.OrderId);
        chain.Property(c => c.OrderId).ValueGeneratedNever();
        chain.HasOwedWorkColumns();
    }
}

/// <summary>Owed work kept one row per order (its key).</summary>
internal interface IOwedByOrder
{
    int OrderId { get; }
}

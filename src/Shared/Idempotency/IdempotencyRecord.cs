using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Shared.Idempotency;

/// <summary>
/// One Idempotency-Key a module has seen: which request it was for (a fingerprint of method, path and body) and, once
/// the first request finished, the answer to give again. Kept in the module's own database, beside its data.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 255;

    public string Key { get; set; } = "";
    public string Fingerprint { get; set; } = "";
    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Body { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class IdempotencyModel
{
    /// <summary>Maps the module's <c>idempotency_keys</c> table (in the module's schema, like the rest of its data).</summary>
    public static ModelBuilder AddIdempotencyKeys(this ModelBuilder model) => model.Entity<IdempotencyRecord>(record =>
    {
        record.ToTable("idempotency_keys");
        record.HasKey(r => r.Key);
        record.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        record.Property(r => r.Fingerprint).HasMaxLength(64);
        record.Property(r => r.ContentType).HasMaxLength(100);
        record.HasIndex(r => r.CreatedAt);
    });
}

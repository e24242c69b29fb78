using Ecommerce.Payments.Data;
using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Payments.Features.GetPayment;

/// <summary>The marker of GET /payments/changes: the latest audit row (every payment made or refunded writes one).</summary>
internal static class PaymentChanges
{
    public static async Task<string> MarkerAsync(IServiceProvider services, CancellationToken ct) =>
        $"{await services.GetRequiredService<PaymentsDbContext>().Set<AuditEntry>().MaxAsync(e => (long?)e.Id, ct) ?? 0}";
}

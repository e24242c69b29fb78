namespace Ecommerce.Shared.Outbox;

/// <summary>GET /orders/owed and /payments/owed: how many steps a module still owes, and the oldest of each kind.</summary>
public sealed record OwedWorkResponse(int Count, IReadOnlyList<OwedStep> Steps);

/// <summary>
/// One step: <c>kind</c> email (detail: its template), chain (charge and outcome email), refund (Orders), or webhook
/// (Payments; detail: the payment status Orders has not heard of).
/// </summary>
public sealed record OwedStep(string Kind, int OrderId, string? Detail, int Attempts, string? LastError, DateTime NextAttemptAt);

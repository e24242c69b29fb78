namespace Ecommerce.Orders.Contracts;

/// <summary>GET /orders/owed: how many steps are owed, and the oldest of each kind.</summary>
public sealed record OwedWorkResponse(int Count, IReadOnlyList<OwedStep> Steps);

/// <summary>One step: <c>kind</c> email (its template), chain (charge and outcome email) or refund.</summary>
public sealed record OwedStep(string Kind, int OrderId, string? Detail, int Attempts, string? LastError, DateTime NextAttemptAt);

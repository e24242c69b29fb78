namespace Ecommerce.Shared.Security;

/// <summary>
/// The scopes an API credential can hold. Each API route declares the one it needs (<see cref="RequiredScope"/>): reads and
/// writes per module, and the module-to-module routes (the payment webhook, the batches) their own, which only the calling
/// module's credential holds. <see cref="Admin"/> stands for every scope.
/// </summary>
public static class ApiScopes
{
    public const string OrdersRead = "orders:read";
    public const string OrdersWrite = "orders:write";
    public const string PaymentsRead = "payments:read";
    public const string PaymentsWrite = "payments:write";
    public const string NotificationsRead = "notifications:read";
    public const string NotificationsWrite = "notifications:write";
    /// <summary>Payments telling Orders about a charge (the webhook and its batch form).</summary>
    public const string OrdersWebhook = "orders:webhook";
    /// <summary>Orders charging a bulk import's orders at once.</summary>
    public const string PaymentsBatch = "payments:batch";
    /// <summary>Orders sending a bulk import's emails at once.</summary>
    public const string NotificationsBatch = "notifications:batch";
    /// <summary>Every scope, and the testing routes.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        OrdersRead, OrdersWrite, PaymentsRead, PaymentsWrite, NotificationsRead, NotificationsWrite,
        OrdersWebhook, PaymentsBatch, NotificationsBatch, Admin,
    };
}

/// <summary>Endpoint metadata: the scope a caller needs for this route once API authentication is on.</summary>
public sealed record RequiredScope(string Scope);

public static class RequiredScopeExtensions
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder endpoint, string scope) where TBuilder : IEndpointConventionBuilder
    {
        if (!ApiScopes.All.Contains(scope)) throw new ArgumentException($"Unknown scope '{scope}'.", nameof(scope));
        return endpoint.WithMetadata(new RequiredScope(scope));
    }
}

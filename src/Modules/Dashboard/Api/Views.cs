namespace Ecommerce.Dashboard.Api;

// The dashboard's own view of the APIs' JSON (snake_case on the wire); it shares no type with the modules.
public sealed record OrderView(int Id, string CustomerEmail, string CustomerName, string Status, decimal TotalAmount, string Currency,
    DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<OrderItemView> Items);

public sealed record OrderItemView(int Id, string ProductName, int Quantity, decimal UnitPrice);

public sealed record PaymentView(int Id, int OrderId, decimal Amount, string Currency, string Status, string PaymentMethod,
    string TransactionId, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record RefundView(int Id, int PaymentId, decimal Amount, string Reason, string Status, DateTime CreatedAt);

public sealed record NotificationView(int Id, int OrderId, string Channel, string TemplateName, string Recipient, string? Subject,
    string Body, string Status, DateTime? SentAt, DateTime CreatedAt);

public sealed record DeliveryView(int NotificationId, string State, int Attempts, string? LastError, DateTime? DeliveredAt, string? MessageId,
    string? ProviderReply);

public sealed record HealthView(string Status, string? Service);

public sealed record NewOrderItem(string ProductName, int Quantity, decimal UnitPrice);

public sealed record NewOrder(string CustomerEmail, string CustomerName, IReadOnlyList<NewOrderItem> Items, string Currency, string? ExternalId = null);

public sealed record BulkOrdersView(int Created, int Existing, int Failed, IReadOnlyList<BulkOrderResultView> Results);

public sealed record BulkOrderResultView(int Index, string Status, OrderView? Order, IReadOnlyList<ValidationErrorView>? Errors);

public sealed record ValidationErrorView(string Type, System.Text.Json.JsonElement Loc, string Msg);

public sealed record OwedWorkView(int Count, List<OwedStepView> Steps);

public sealed record OwedStepView(string Kind, int OrderId, string? Detail, int Attempts, string? LastError, DateTime NextAttemptAt);

public sealed record CurrencyTotalView(string Currency, int Count, decimal Amount, decimal Average);

public sealed record OrderStatsView(DateTime From, DateTime To, string Bucket, int UtcOffset, int Orders, Dictionary<string, int> ByStatus,
    List<CurrencyTotalView> Revenue, List<OrderStatsBucketView> Series, List<ProductSalesView> TopByRevenue, List<ProductSalesView> TopByQuantity,
    NeedsAttentionView NeedsAttention);

public sealed record OrderStatsBucketView(DateTime Start, int Orders, List<CurrencyTotalView> Revenue);

public sealed record ProductSalesView(string ProductName, string Currency, int Quantity, decimal Revenue);

public sealed record NeedsAttentionView(int Pending, int PaidNotShipped, int StaleDays);

public sealed record PaymentStatsView(DateTime From, DateTime To, int Payments, Dictionary<string, int> ByStatus, List<CurrencyTotalView> Completed,
    List<CurrencyTotalView> Refunds);

public sealed record NotificationStatsView(DateTime From, DateTime To, int Notifications, Dictionary<string, int> ByTemplate,
    Dictionary<string, int> ByChannel, Dictionary<string, int> ByDeliveryState);

public sealed record ChangesView(string Marker);

public sealed record StepAttemptView(DateTime At, string Step, string Outcome, string? Detail);

public sealed record AuditEntryView(long Id, DateTime At, string Actor, string Action, string Subject, string? Detail);

namespace Ecommerce.Orders.Contracts;

/// <summary>
/// One try at a step the order owed that was not done on the first try (GET /orders/{order_id}/attempts): when, which step
/// (<c>email ORDER_CONFIRMATION</c>, <c>chain</c>: its payment and email, <c>refund</c>), its outcome (<c>not taken</c>: tried
/// again later, <c>refused</c>: for good, <c>done</c>) and the error with the next attempt's time.
/// </summary>
public sealed record StepAttemptResponse(DateTime At, string Step, string Outcome, string? Detail);

using Carter;
using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Orders.Features.ApplyPaymentWebhook;
using Ecommerce.Orders.Features.BulkCreateOrders;
using Ecommerce.Orders.Features.ChangeStatus;
using Ecommerce.Orders.Features.CreateOrder;
using Ecommerce.Orders.Features.GetOrders;
using Ecommerce.Orders.Features.GetStats;
using Ecommerce.Orders.Features.ListOwedWork;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Idempotency;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Security;
using Ecommerce.Shared.Validation;
using MediatR;

namespace Ecommerce.Orders;

public sealed class OrdersEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var orders = app.MapModuleGroup(OrdersModule.Name, "/api/v1/orders").WithTags("Orders");
        var signing = app.ServiceProvider.GetRequiredService<WebhookSigning>();
        orders.MapPost("/", Create).WithName("CreateOrder").RequireScope(ApiScopes.OrdersWrite)
            .Produces<OrderResponse>(StatusCodes.Status201Created).AcceptsIdempotencyKey<OrdersDbContext>();
        orders.MapPost("/bulk", Bulk).WithName("BulkCreateOrders").RequireScope(ApiScopes.OrdersWrite).AsBulkEndpoint().AcceptsIdempotencyKey<OrdersDbContext>()
            .Produces<BulkOrdersResponse>();
        orders.MapPost("/webhook/batch", WebhookBatch).WithName("PaymentWebhookBatch").RequireScope(ApiScopes.OrdersWebhook)
            .AcceptsSignedWebhooks(signing).AsBulkEndpoint()
            .Produces<PaymentWebhookBatchResponse>();
        orders.MapGet("/", List).WithName("ListOrders").RequireScope(ApiScopes.OrdersRead).Produces<IReadOnlyList<OrderResponse>>();
        orders.MapAuditLog<OrdersDbContext>("OrdersAuditLog", ApiScopes.OrdersRead);
        orders.MapGet("/stats", Stats).WithName("OrderStats").RequireScope(ApiScopes.OrdersRead).Produces<OrderStatsResponse>();
        orders.MapChanges("OrderChanges", ApiScopes.OrdersRead, OrderChanges.MarkerAsync);
        orders.MapGet("/owed", Owed).WithName("ListOwedWork").RequireScope(ApiScopes.OrdersRead).Produces<OwedWorkResponse>();
        orders.MapGet("/{order_id}", Get).WithName("GetOrder").RequireScope(ApiScopes.OrdersRead).Produces<OrderResponse>()
            .ProducesErrors(StatusCodes.Status404NotFound);
        orders.MapGet("/{order_id}/attempts", Attempts).WithName("ListOrderAttempts").RequireScope(ApiScopes.OrdersRead)
            .Produces<IReadOnlyList<StepAttemptResponse>>().ProducesErrors(StatusCodes.Status404NotFound);
        orders.MapPut("/{order_id}/status", UpdateStatus).WithName("UpdateOrderStatus").RequireScope(ApiScopes.OrdersWrite)
            .Produces<OrderResponse>().ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        orders.MapDelete("/{order_id}", Cancel).WithName("CancelOrder").RequireScope(ApiScopes.OrdersWrite).Produces<OrderResponse>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        orders.MapPost("/{order_id}/webhook", Webhook).WithName("PaymentWebhook").RequireScope(ApiScopes.OrdersWebhook)
            .AcceptsSignedWebhooks(signing)
            .Produces<OrderResponse>().ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
    }

    /// <summary>Create an order: Payments charges it (paid, or pending when the payment fails) and Notifications confirms it by email.</summary>
    private static async Task<IResult> Create(CreateOrderRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Created(await mediator.Send(new CreateOrder(body), ct));

    /// <summary>The steps of order chains still owed to Payments or Notifications (retried in the background), oldest first.</summary>
    private static async Task<IResult> Owed(IMediator mediator, CancellationToken ct) => Wire.Ok(await mediator.Send(new ListOwedWork(), ct));

    /// <summary>Create up to 10,000 orders in one request, each validated on its own; an external_id seen before is not created again.</summary>
    private static async Task<IResult> Bulk(BulkOrdersRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new BulkCreateOrders(body), ct));

    /// <summary>Apply many payment results at once (what Payments sends after a batch of charges).</summary>
    private static async Task<IResult> WebhookBatch(HttpContext http, PaymentWebhookBatchRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new ApplyPaymentWebhookBatch(body, SignedWebhooks.VerifiedId(http)), ct));

    /// <summary>Read one order with its items.</summary>
    private static async Task<IResult> Get(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new GetOrder(PathIds.Get(http, "order_id")), ct));

    /// <summary>The tries at the order's owed steps (emails, its chain, a refund) that were not done on the first try, oldest first.</summary>
    private static async Task<IResult> Attempts(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new GetOrderAttempts(PathIds.Get(http, "order_id")), ct));

    /// <summary>Move an order on: paid → shipped → delivered (an email follows each); other moves are refused with 400.</summary>
    private static async Task<IResult> UpdateStatus(HttpContext http, UpdateStatusRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new ChangeOrderStatus(PathIds.Get(http, "order_id"), body.Status), ct));

    /// <summary>Cancel a pending or paid order: a paid one is refunded, and the customer gets an email.</summary>
    private static async Task<IResult> Cancel(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new ChangeOrderStatus(PathIds.Get(http, "order_id"), OrderStatus.Cancelled), ct));

    /// <summary>Payments reports a charge: completed makes a pending order paid, failed leaves it pending and emails the customer.</summary>
    private static async Task<IResult> Webhook(HttpContext http, PaymentWebhookRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new ApplyPaymentWebhook(PathIds.Get(http, "order_id"), body, SignedWebhooks.VerifiedId(http)), ct));

    /// <summary>
    /// The orders created in a period, aggregated: count, status breakdown, revenue per currency, a series per hour or day,
    /// best sellers, and the orders that need someone.
    /// </summary>
    private static async Task<IResult> Stats(GetOrderStats query, IMediator mediator, CancellationToken ct) => Wire.Ok(await mediator.Send(query, ct));

    /// <summary>List orders by id, a page at a time, optionally by status or customer email.</summary>
    private static async Task<IResult> List(ListOrders query, IMediator mediator, CancellationToken ct) => Wire.Ok(await mediator.Send(query, ct));
}

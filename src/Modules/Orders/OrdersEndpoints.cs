using Ecommerce.Shared.Outbox;
using Ecommerce.Orders.Data;
using Ecommerce.Shared.Idempotency;
using Carter;
using Ecommerce.Orders.Contracts;
using Ecommerce.Orders.Domain;
using Ecommerce.Orders.Features.BulkCreate;
using Ecommerce.Orders.Features.ChangeStatus;
using Ecommerce.Orders.Features.CreateOrder;
using Ecommerce.Orders.Features.GetOrders;
using Ecommerce.Orders.Features.OwedWork;
using Ecommerce.Orders.Features.PaymentWebhook;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.Validation;
using MediatR;

namespace Ecommerce.Orders;

public sealed class OrdersEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var orders = app.MapModuleGroup(OrdersModule.Name, "/api/v1/orders").WithTags("Orders");
        orders.MapPost("/", Create).WithName("CreateOrder").Accepts<CreateOrderRequest>("application/json")
            .Produces<OrderResponse>(StatusCodes.Status201Created).AcceptsIdempotencyKey<OrdersDbContext>();
        orders.MapPost("/bulk", Bulk).WithName("BulkCreateOrders").AsBulkEndpoint().AcceptsIdempotencyKey<OrdersDbContext>()
            .Accepts<BulkOrdersRequest>("application/json").Produces<BulkOrdersResponse>();
        orders.MapPost("/webhook/batch", WebhookBatch).WithName("PaymentWebhookBatch").AsBulkEndpoint()
            .Accepts<PaymentWebhookBatchRequest>("application/json").Produces<PaymentWebhookBatchResponse>();
        orders.MapGet("/", List).WithName("ListOrders").Produces<IReadOnlyList<OrderResponse>>();
        orders.MapGet("/owed", Owed).WithName("ListOwedWork").Produces<OwedWorkResponse>();
        orders.MapGet("/{order_id}", Get).WithName("GetOrder").Produces<OrderResponse>();
        orders.MapPut("/{order_id}/status", UpdateStatus).WithName("UpdateOrderStatus")
            .Accepts<UpdateStatusRequest>("application/json").Produces<OrderResponse>();
        orders.MapDelete("/{order_id}", Cancel).WithName("CancelOrder").Produces<OrderResponse>();
        orders.MapPost("/{order_id}/webhook", Webhook).WithName("PaymentWebhook")
            .Accepts<PaymentWebhookRequest>("application/json").Produces<OrderResponse>();
    }

    private static async Task<IResult> Create(CreateOrderRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Created(await mediator.Send(new CreateOrder(body), ct));

    private static async Task<IResult> Owed(IMediator mediator, CancellationToken ct) => Wire.Ok(await mediator.Send(new ListOwedWork(), ct));

    private static async Task<IResult> Bulk(BulkOrdersRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new BulkCreateOrders(body), ct));

    private static async Task<IResult> WebhookBatch(PaymentWebhookBatchRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new ApplyPaymentWebhookBatch(body), ct));

    private static async Task<IResult> Get(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new GetOrder(PathIds.Get(http, "order_id")), ct));

    private static async Task<IResult> UpdateStatus(HttpContext http, UpdateStatusRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new ChangeOrderStatus(PathIds.Get(http, "order_id"), body.Status), ct));

    private static async Task<IResult> Cancel(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new ChangeOrderStatus(PathIds.Get(http, "order_id"), OrderStatus.Cancelled), ct));

    private static async Task<IResult> Webhook(HttpContext http, PaymentWebhookRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new ApplyPaymentWebhook(PathIds.Get(http, "order_id"), body), ct));

    private static async Task<IResult> List(HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var (skip, limit) = query.Page();
        var request = new ListOrders(skip, limit,
            query.Choice("status", OrderStatus.All), query.String("customer_email"));
        query.ThrowIfInvalid();
        return Wire.Ok(await mediator.Send(request, ct));
    }
}

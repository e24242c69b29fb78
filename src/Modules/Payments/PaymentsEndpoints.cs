using Ecommerce.Payments.Data;
using Ecommerce.Shared.Idempotency;
using Carter;
using Ecommerce.Payments.Contracts;
using Ecommerce.Payments.Domain;
using Ecommerce.Payments.Features.CreatePayment;
using Ecommerce.Payments.Features.GetPayment;
using Ecommerce.Payments.Features.ListPayments;
using Ecommerce.Payments.Features.OwedWebhooks;
using Ecommerce.Payments.Features.RefundPayment;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Validation;
using MediatR;

namespace Ecommerce.Payments;

public sealed class PaymentsEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var payments = app.MapModuleGroup(PaymentsModule.Name, "/api/v1/payments").WithTags("Payments");
        payments.MapPost("/", Create).WithName("CreatePayment").Accepts<CreatePaymentRequest>("application/json")
            .Produces<PaymentResponse>(StatusCodes.Status201Created).AcceptsIdempotencyKey<PaymentsDbContext>();
        payments.MapPost("/batch", CreateBatch).WithName("CreatePaymentBatch").AsBulkEndpoint()
            .Accepts<PaymentBatchRequest>("application/json").Produces<PaymentBatchResponse>();
        payments.MapGet("/", List).WithName("ListPayments").Produces<IReadOnlyList<PaymentResponse>>();
        payments.MapPost("/refund", Refund).WithName("RefundPayment").Accepts<RefundRequest>("application/json")
            .Produces<RefundResponse>(StatusCodes.Status201Created).AcceptsIdempotencyKey<PaymentsDbContext>();
        payments.MapGet("/owed", Owed).WithName("ListOwedWebhooks").Produces<OwedWorkResponse>();
        payments.MapGet("/order/{order_id}", GetByOrder).WithName("GetPaymentByOrder").Produces<PaymentResponse>();
        payments.MapGet("/{payment_id}", Get).WithName("GetPayment").Produces<PaymentResponse>();
    }

    private static async Task<IResult> Create(CreatePaymentRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Created(await mediator.Send(new CreatePayment(body), ct));

    private static async Task<IResult> CreateBatch(PaymentBatchRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new CreatePaymentBatch(body, ReturnMinimal.Requested(http)), ct));

    private static async Task<IResult> Refund(RefundRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Created(await mediator.Send(new RefundPayment(body), ct));

    private static async Task<IResult> Owed(IMediator mediator, CancellationToken ct) => Wire.Ok(await mediator.Send(new ListOwedWebhooks(), ct));

    private static async Task<IResult> Get(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new GetPayment(PathIds.Get(http, "payment_id")), ct));

    private static async Task<IResult> GetByOrder(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new GetPaymentByOrder(PathIds.Get(http, "order_id")), ct));

    private static async Task<IResult> List(HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var query = new QueryReader(http);
        var (skip, limit) = query.Page();
        var request = new ListPayments(skip, limit,
            query.Choice("status", PaymentStatus.All));
        query.ThrowIfInvalid();
        return Wire.Ok(await mediator.Send(request, ct));
    }
}

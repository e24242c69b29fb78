using Carter;
using Ecommerce.Payments.Contracts;
using Ecommerce.Payments.Data;
using Ecommerce.Payments.Domain;
using Ecommerce.Payments.Features.CreatePayment;
using Ecommerce.Payments.Features.GetPayment;
using Ecommerce.Payments.Features.GetStats;
using Ecommerce.Payments.Features.ListOwedWebhooks;
using Ecommerce.Payments.Features.ListPayments;
using Ecommerce.Payments.Features.RefundPayment;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Idempotency;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Outbox;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Security;
using Ecommerce.Shared.Validation;
using MediatR;

namespace Ecommerce.Payments;

public sealed class PaymentsEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var payments = app.MapModuleGroup(PaymentsModule.Name, "/api/v1/payments").WithTags("Payments");
        payments.MapPost("/", Create).WithName("CreatePayment").RequireScope(ApiScopes.PaymentsWrite).ProducesErrors(StatusCodes.Status400BadRequest)
            .Produces<PaymentResponse>(StatusCodes.Status201Created).AcceptsIdempotencyKey<PaymentsDbContext>();
        payments.MapPost("/batch", CreateBatch).WithName("CreatePaymentBatch").RequireScope(ApiScopes.PaymentsBatch).AsBulkEndpoint()
            .Produces<PaymentBatchResponse>();
        payments.MapGet("/", List).WithName("ListPayments").RequireScope(ApiScopes.PaymentsRead).Produces<IReadOnlyList<PaymentResponse>>();
        payments.MapPost("/refund", Refund).WithName("RefundPayment").RequireScope(ApiScopes.PaymentsWrite).ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .Produces<RefundResponse>(StatusCodes.Status201Created).AcceptsIdempotencyKey<PaymentsDbContext>();
        payments.MapAuditLog<PaymentsDbContext>("PaymentsAuditLog", ApiScopes.PaymentsRead);
        payments.MapGet("/stats", Stats).WithName("PaymentStats").RequireScope(ApiScopes.PaymentsRead).Produces<PaymentStatsResponse>();
        payments.MapChanges("PaymentChanges", ApiScopes.PaymentsRead, PaymentChanges.MarkerAsync);
        payments.MapGet("/owed", Owed).WithName("ListOwedWebhooks").RequireScope(ApiScopes.PaymentsRead).Produces<OwedWorkResponse>();
        payments.MapGet("/order/{order_id}", GetByOrder).WithName("GetPaymentByOrder").RequireScope(ApiScopes.PaymentsRead).Produces<PaymentResponse>()
            .ProducesErrors(StatusCodes.Status404NotFound);
        payments.MapGet("/{payment_id}", Get).WithName("GetPayment").RequireScope(ApiScopes.PaymentsRead).Produces<PaymentResponse>().ProducesErrors(StatusCodes.Status404NotFound);
    }

    /// <summary>Charge an order (one payment per order, 100 to 1,000,000 JPY); Orders hears the result through its webhook.</summary>
    private static async Task<IResult> Create(CreatePaymentRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Created(await mediator.Send(new CreatePayment(body), ct));

    /// <summary>Charge many orders in one request, each under the rules of a single payment.</summary>
    private static async Task<IResult> CreateBatch(PaymentBatchRequest body, ReturnPreference prefer, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new CreatePaymentBatch(body, prefer.Minimal), ct));

    /// <summary>Refund a completed payment in full.</summary>
    private static async Task<IResult> Refund(RefundRequest body, IMediator mediator, CancellationToken ct) =>
        Wire.Created(await mediator.Send(new RefundPayment(body), ct));

    /// <summary>The payment results still owed to Orders (retried in the background), oldest first.</summary>
    private static async Task<IResult> Owed(IMediator mediator, CancellationToken ct) => Wire.Ok(await mediator.Send(new ListOwedWebhooks(), ct));

    /// <summary>Read one payment.</summary>
    private static async Task<IResult> Get(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new GetPayment(PathIds.Get(http, "payment_id")), ct));

    /// <summary>Read the payment of an order.</summary>
    private static async Task<IResult> GetByOrder(HttpContext http, IMediator mediator, CancellationToken ct) =>
        Wire.Ok(await mediator.Send(new GetPaymentByOrder(PathIds.Get(http, "order_id")), ct));

    /// <summary>The payments made in a period, aggregated: status breakdown, amounts charged and refunded per currency.</summary>
    private static async Task<IResult> Stats(GetPaymentStats query, IMediator mediator, CancellationToken ct) => Wire.Ok(await mediator.Send(query, ct));

    /// <summary>List payments by id, a page at a time, optionally by status.</summary>
    private static async Task<IResult> List(ListPayments query, IMediator mediator, CancellationToken ct) => Wire.Ok(await mediator.Send(query, ct));
}

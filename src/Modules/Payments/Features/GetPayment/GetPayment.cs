using Ecommerce.Payments.Contracts;
using Ecommerce.Payments.Data;
using Ecommerce.Shared.Errors;
using Ecommerce.Shared.Mediator;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Payments.Features.GetPayment;

internal sealed record GetPayment(int PaymentId) : IRequest<PaymentResponse>;

internal sealed record GetPaymentByOrder(int OrderId) : IRequest<PaymentResponse>, IAboutOrder;

internal sealed class GetPaymentHandler(PaymentsDbContext db) :
    IRequestHandler<GetPayment, PaymentResponse>,
    IRequestHandler<GetPaymentByOrder, PaymentResponse>
{
    public async Task<PaymentResponse> Handle(GetPayment request, CancellationToken cancellationToken) =>
        (await db.Payments.FirstOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken))?.Adapt<PaymentResponse>()
        ?? throw ApiError.NotFound("Payment not found");

    public async Task<PaymentResponse> Handle(GetPaymentByOrder request, CancellationToken cancellationToken)
    {
        return (await db.Payments.FirstOrDefaultAsync(p => p.OrderId == request.OrderId, cancellationToken))?.Adapt<PaymentResponse>()
            ?? throw ApiError.NotFound("Payment not found for this order");
    }
}

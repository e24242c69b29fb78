using Ecommerce.Shared.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ecommerce.UnitTests.Shared;

public sealed class ErrorHandlingMiddlewareTests
{
    [Test]
    public async Task Given_an_unhandled_exception_Then_500_json_without_the_exception()
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        var middleware = new ErrorHandlingMiddleware(_ => throw new InvalidOperationException("secret stack detail"),
            NullLogger<ErrorHandlingMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.That(context.Response.StatusCode, Is.EqualTo(500));
        Assert.That(context.Response.ContentType, Is.EqualTo("application/json"));
        Assert.That(body, Is.EqualTo("""{"detail":"Internal Server Error"}"""));
    }

    [Test]
    public async Task Given_a_business_error_Then_its_status_and_detail()
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        var middleware = new ErrorHandlingMiddleware(_ => throw ApiError.BadRequest("Cannot change order status from 'paid' to 'paid'"),
            NullLogger<ErrorHandlingMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        context.Response.Body.Position = 0;
        Assert.That(context.Response.StatusCode, Is.EqualTo(400));
        Assert.That(await new StreamReader(context.Response.Body).ReadToEndAsync(),
            Is.EqualTo("""{"detail":"Cannot change order status from 'paid' to 'paid'"}"""));
    }
}

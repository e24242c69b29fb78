using Ecommerce.Shared.Validation;
using Microsoft.AspNetCore.WebUtilities;

namespace Ecommerce.Shared.Errors;

/// <summary>
/// Turns every failure into the contract's JSON error (D7–D9): business errors, validation (422),
/// errors Kestrel raises while the body is read (413, 408, 400) and unhandled exceptions (500, logged, never shown).
/// </summary>
internal sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, exception);
        }
    }

    private Task WriteAsync(HttpContext context, Exception exception)
    {
        context.Response.Clear();
        switch (exception)
        {
            case ApiException api:
                return ErrorBody.WriteAsync(context, api.StatusCode, api.Detail);
            case RequestValidationException validation:
                return ErrorBody.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, validation.Errors);
            case BadHttpRequestException bad:
                logger.LogInformation("Request refused by the server: {Status} {Reason}", bad.StatusCode, bad.Message);
                return ErrorBody.WriteAsync(context, bad.StatusCode, BadRequestDetail(bad));
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                return Task.CompletedTask; // the client went away; nobody is left to answer
            default:
                logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
                return ErrorBody.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal Server Error");
        }
    }

    private static string BadRequestDetail(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status408RequestTimeout => "Request timeout: the body was not received in time",
        _ => ReasonPhrases.GetReasonPhrase(bad.StatusCode) is { Length: > 0 } phrase ? phrase : "Bad Request",
    };
}

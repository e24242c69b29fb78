using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Telemetry;

namespace Ecommerce.Shared.Http;

/// <summary>
/// The resilience of every call between modules (Microsoft.Extensions.Http.Resilience), inside the client's timeout,
/// which stays the contract's total budget (Payments 30 s, Notifications and the webhook 10 s):
/// <list type="bullet">
/// <item>a retry, for GET only (reads are idempotent; a POST that may have been applied is never sent twice here: the
/// owed-work workers retry those, knowing what a repeat means), twice, on a refused connection, 408 or 5xx;</item>
/// <item>a circuit breaker per target module: when half the calls of 10 s (at least 20) got no answer (refused connection,
/// timeout), calls stop for 5 s and fail at once, so a module that is down is not hammered and callers do not queue on
/// it. An answer, even a 5xx, does not count: it carries the reason the contract passes on (a PAYMENT_FAILED email says
/// what Payments said), and an open circuit must never replace it.</item>
/// </list>
/// Polly's own refusals (an open circuit) surface as <see cref="HttpRequestException"/>, the failure every caller already
/// handles as "no answer".
/// </summary>
internal static class CallResilience
{
    public static IHttpClientBuilder AddCallResilience(this IHttpClientBuilder client, string service)
    {
        // Polly reports every attempt at Information; CallLoggingHandler already writes the one line per call, so only
        // what is news (a retried attempt, the circuit opening or closing) is kept. That line cost ~10 % of the orders throughput.
        client.Services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = args =>
            args.Event.EventName == "ExecutionAttempt" && args.Event.Severity < ResilienceEventSeverity.Warning ? ResilienceEventSeverity.None : args.Event.Severity);
        client.AddHttpMessageHandler(() => new RejectionAsHttpError());
        client.AddResilienceHandler(service, pipeline => pipeline
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Context.GetRequestMessage()?.Method == HttpMethod.Get && IsFailure(args.Outcome)),
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 20,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(5),
                ShouldHandle = args => ValueTask.FromResult(NoAnswer(args.Outcome)),
            }));
        return client;
    }

    /// <summary>
    /// No answer: a refused connection, or a timeout (a cancellation inside the handlers is the client's timeout: callers
    /// between modules do not cancel their calls).
    /// </summary>
    private static bool NoAnswer(Outcome<HttpResponseMessage> outcome) => outcome.Exception is HttpRequestException or OperationCanceledException;

    /// <summary>No answer, or a server-side failure worth reading again; a 4xx (429 included) is an answer.</summary>
    private static bool IsFailure(Outcome<HttpResponseMessage> outcome) =>
        NoAnswer(outcome) || outcome.Result is { } response && ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout);

    /// <summary>Turns a call Polly refused (open circuit) into the HttpRequestException every caller handles.</summary>
    private sealed class RejectionAsHttpError : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (BrokenCircuitException open)
            {
                throw new HttpRequestException($"{request.RequestUri?.Authority} is failing; calls to it are paused: {open.Message}", open);
            }
        }
    }
}

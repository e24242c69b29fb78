using System.Globalization;
using System.Net;
using Ecommerce.Shared.Http;

namespace Ecommerce.Shared.Outbox;

/// <summary>What became of a call that carries out owed work (an email, a webhook).</summary>
public enum Delivery
{
    /// <summary>The other module took it (2xx).</summary>
    Done,
    /// <summary>Refused for good (a 4xx other than 408 and 429): trying again would be refused again.</summary>
    Refused,
    /// <summary>Not taken this time (429, 408, 5xx, timeout, no connection): it stays owed and is tried again.</summary>
    Retry,
}

/// <summary>
/// An attempt's outcome; <see cref="RetryAfter"/> is the server's Retry-After on a 429, <see cref="Reply"/> what a provider
/// answered when it took the work (an SMTP server's <c>250 …</c>), <see cref="StatusCode"/> the HTTP status of an answer
/// that did not take it (none when there was no answer).
/// </summary>
public sealed record Attempt(Delivery Delivery, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static readonly Attempt Done = new(Delivery.Done);

    public string? Reply { get; init; }

    /// <summary>No answer came at all (no connection, a timeout): the receiver is down or unreachable, not refusing this one.</summary>
    public bool Unanswered { get; init; }

    public int? StatusCode { get; init; }

    /// <summary>For a log line: the answer's status code, or "no answer".</summary>
    public string Answer => StatusCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : "no answer";

    public static Attempt Accepted(string? reply) => new(Delivery.Done) { Reply = reply };

    /// <summary>No answer at all (timeout, refused connection): worth another try.</summary>
    public static Attempt NoAnswer(Exception exception) => new(Delivery.Retry, exception.Message) { Unanswered = true };

    /// <summary>
    /// An HTTP call that carries out owed work, as an outcome (<see cref="Call"/>): a 2xx is done (<paramref name="taken"/>
    /// may read it, e.g. for the provider's reply), any other answer is judged by <see cref="FailedAsync"/>, no answer is
    /// worth another try.
    /// </summary>
    public static Task<Attempt> OfCallAsync(Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, Task<Attempt>>? taken = null,
        CancellationToken stopping = default) =>
        Call.OrNoAnswerAsync(async () =>
        {
            using var response = await send();
            if (!response.IsSuccessStatusCode) return await FailedAsync(response);
            return taken is null ? Done : await taken(response);
        }, NoAnswer, stopping);

    /// <summary>Judges a non-2xx answer: 429 and server-side failures are worth another try, other refusals are final.</summary>
    public static async Task<Attempt> FailedAsync(HttpResponseMessage response)
    {
        var reason = await ErrorDetail.ReadAsync(response);
        var status = response.StatusCode;
        if (status == HttpStatusCode.TooManyRequests)
            return new Attempt(Delivery.Retry, reason, response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1)) { StatusCode = (int)status };
        return new Attempt((int)status >= 500 || status == HttpStatusCode.RequestTimeout ? Delivery.Retry : Delivery.Refused, reason)
        {
            StatusCode = (int)status,
        };
    }
}

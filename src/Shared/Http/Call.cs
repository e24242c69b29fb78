using System.Text.Json;

namespace Ecommerce.Shared.Http;

/// <summary>
/// The one place that turns an HTTP call into an outcome instead of an exception. A call either answers (any status: the
/// caller reads it) or gives no usable answer: no connection or a broken one (<see cref="HttpRequestException"/>, also
/// an open circuit, see <see cref="CallResilience"/>), the timeout (<see cref="TaskCanceledException"/>), a body that
/// is not the JSON expected (<see cref="JsonException"/>). The caller says what no answer means to it (owed, unavailable,
/// a message); anything else is a bug and is thrown. Calls to other modules and to providers (an SMS gateway, a probe)
/// all go through here.
/// </summary>
public static class Call
{
    /// <param name="call">Sends the request and reads the answer.</param>
    /// <param name="noAnswer">The outcome when there was none, from what went wrong.</param>
    /// <param name="stopping">Once cancelled, a failure is this process stopping, not the other side's: it is thrown.</param>
    public static async Task<T> OrNoAnswerAsync<T>(Func<Task<T>> call, Func<Exception, T> noAnswer, CancellationToken stopping = default)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException
                                          && !stopping.IsCancellationRequested)
        {
            return noAnswer(exception);
        }
    }
}

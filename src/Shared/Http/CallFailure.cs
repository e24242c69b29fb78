using System.Text.Json;

namespace Ecommerce.Shared.Http;

/// <summary>
/// The one place that says which exceptions of an HTTP call mean "no usable answer": no connection or a broken one
/// (<see cref="HttpRequestException"/>), the timeout (<see cref="TaskCanceledException"/>), a body that is not JSON
/// (<see cref="JsonException"/>). Every caller turns them into its own outcome (owed, unavailable, a message); anything
/// else is a bug and is thrown.
/// </summary>
public static class CallFailure
{
    public static bool IsNoAnswer(Exception exception) => exception is HttpRequestException or TaskCanceledException or JsonException;
}

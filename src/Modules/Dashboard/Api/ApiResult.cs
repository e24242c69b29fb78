using System.Net.Http.Json;
using System.Text.Json;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Json;

namespace Ecommerce.Dashboard.Api;

/// <summary>What an API call gave: its value, or the message the API sent (400/404 detail) and, for a 422, the message per field.</summary>
public sealed record ApiResult<T>(T? Value, string? Error, IReadOnlyDictionary<string, string> FieldErrors)
{
    public bool Ok => Error is null;

    public static Task<ApiResult<T>> From(Task<HttpResponseMessage> call) => Call.OrNoAnswerAsync(async () =>
    {
        using var response = await call;
        if (response.IsSuccessStatusCode) return new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(WireJson.Options), null, NoFields);
        var (error, fields) = await ReadError(response);
        return new ApiResult<T>(default, error, fields);
    }, exception => new ApiResult<T>(default, $"The service did not answer: {exception.Message}", NoFields));

    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    private static async Task<(string, IReadOnlyDictionary<string, string>)> ReadError(HttpResponseMessage response)
    {
        var fields = new Dictionary<string, string>();
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var detail = document.RootElement.GetProperty("detail");
            if (detail.ValueKind == JsonValueKind.String) return (detail.GetString()!, fields);
            foreach (var entry in detail.EnumerateArray())
                fields.TryAdd(FieldKey(entry.GetProperty("loc")), entry.GetProperty("msg").GetString()!);
            return ($"The request was refused ({(int)response.StatusCode}): {string.Join("; ", fields.Select(f => $"{f.Key}: {f.Value}"))}", fields);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return ($"HTTP {(int)response.StatusCode}", fields);
        }
    }

    /// <summary>["body","items",0,"quantity"] → "items.0.quantity": the key the forms put next to their fields.</summary>
    public static string FieldKey(JsonElement loc) =>
        string.Join(".", loc.EnumerateArray().Skip(1).Select(part => part.ValueKind == JsonValueKind.Number ? part.GetRawText() : part.GetString()));
}

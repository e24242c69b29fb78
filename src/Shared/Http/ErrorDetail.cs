using System.Text.Json;

namespace Ecommerce.Shared.Http;

public static class ErrorDetail
{
    /// <summary>The "detail" of another module's error body, or the status when it has none.</summary>
    public static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (document.RootElement.TryGetProperty("detail", out var detail))
                return detail.ValueKind == JsonValueKind.String ? detail.GetString()! : detail.GetRawText();
        }
        catch (JsonException)
        {
        }
        return $"HTTP {(int)response.StatusCode}";
    }
}

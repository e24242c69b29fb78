using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>Raw JSON in, parsed JSON out: tests look at the bytes a client of the original would see.</summary>
public static class Http
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object body) => Json(JsonSerializer.Serialize(body));

    public static async Task<JsonNode> ReadJson(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static async Task<(HttpResponseMessage Response, JsonNode Body)> PostJson(this HttpClient client, string url, object body)
    {
        var response = await client.PostAsync(url, body as StringContent ?? Json(body));
        return (response, await response.ReadJson());
    }

    public static async Task<(HttpResponseMessage Response, JsonNode Body)> GetJson(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, await response.ReadJson());
    }

    public static async Task<(HttpResponseMessage Response, JsonNode Body)> PutJson(this HttpClient client, string url, object body)
    {
        var response = await client.PutAsync(url, body as StringContent ?? Json(body));
        return (response, await response.ReadJson());
    }

    public static async Task<(HttpResponseMessage Response, JsonNode Body)> DeleteJson(this HttpClient client, string url)
    {
        var response = await client.DeleteAsync(url);
        return (response, await response.ReadJson());
    }

    public static Task<HttpResponseMessage> PostAsJson<T>(this HttpClient client, string url, T body) => client.PostAsJsonAsync(url, body);
}

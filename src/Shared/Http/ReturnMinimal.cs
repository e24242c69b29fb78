
namespace Ecommerce.Shared.Http;

/// <summary>
/// RFC 7240 <c>Prefer: return=minimal</c>: a batch caller that needs only each item's outcome asks the server to leave
/// the representations out (a 1,000-email batch is ~600 KB of rendered messages otherwise). The server says it did
/// with <c>Preference-Applied</c>; without the header the answer is complete, as before.
/// </summary>
public static class ReturnMinimal
{
    private const string Preference = "return=minimal";

    /// <summary>Server side: true when the request prefers a minimal answer, which the response then acknowledges.</summary>
    public static bool Requested(HttpContext http)
    {
        var asked = http.Request.Headers["Prefer"].Any(value => value?.Split(',').Any(p => p.Trim().Equals(Preference, StringComparison.OrdinalIgnoreCase)) == true);
        if (asked) http.Response.Headers["Preference-Applied"] = Preference;
        return asked;
    }

    /// <summary>Client side: a POST of <paramref name="body"/> as wire JSON that asks for a minimal answer.</summary>
    public static HttpRequestMessage Post<T>(string uri, T body) => new(HttpMethod.Post, uri)
    {
        Content = System.Net.Http.Json.JsonContent.Create(body, options: Json.WireJson.Options),
        Headers = { { "Prefer", Preference } },
    };
}

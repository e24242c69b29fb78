namespace Ecommerce.Shared.Http;

/// <summary>
/// RFC 7240 <c>Prefer: return=minimal</c>: a batch caller that needs only each item's outcome asks the server to leave
/// the representations out (a 1,000-email batch is ~600 KB of rendered messages otherwise). The server says it did
/// with <c>Preference-Applied</c>; without the header the answer is complete, as before.
/// </summary>
public static class ReturnMinimal
{
    internal const string Header = "Prefer";
    internal const string Preference = "return=minimal";

    /// <summary>Client side: a POST of <paramref name="body"/> as wire JSON that asks for a minimal answer.</summary>
    public static HttpRequestMessage Post<T>(string uri, T body) => new(HttpMethod.Post, uri)
    {
        Content = System.Net.Http.Json.JsonContent.Create(body, options: Json.WireJson.Options),
        Headers = { { Header, Preference } },
    };
}

/// <summary>
/// Server side, a handler parameter: whether the request prefers a minimal answer. Binding it honours the preference,
/// so the response says so (<c>Preference-Applied</c>); the API documents take the <c>Prefer</c> header from it.
/// </summary>
public sealed record ReturnPreference(bool Minimal)
{
    public static ValueTask<ReturnPreference?> BindAsync(HttpContext http)
    {
        var minimal = http.Request.Headers[ReturnMinimal.Header]
            .Any(value => value?.Split(',').Any(p => p.Trim().Equals(ReturnMinimal.Preference, StringComparison.OrdinalIgnoreCase)) == true);
        if (minimal) http.Response.Headers["Preference-Applied"] = ReturnMinimal.Preference;
        return ValueTask.FromResult<ReturnPreference?>(new ReturnPreference(minimal));
    }
}

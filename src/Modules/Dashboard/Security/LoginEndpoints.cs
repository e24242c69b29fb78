using System.Net;
using System.Text.Encodings.Web;
using Ecommerce.Shared.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Ecommerce.Dashboard.Security;

/// <summary>
/// <c>/login</c> and <c>/logout</c>: plain server-rendered forms (a cookie can only be set by an HTTP answer, not from
/// the interactive circuit), each with an antiforgery token. Wrong passwords are slowed, then locked out per address.
/// </summary>
internal static class LoginEndpoints
{
    public static void Map(IEndpointRouteBuilder dashboard)
    {
        dashboard.MapGet("/login", (HttpContext context, IAntiforgery antiforgery, IOptions<DashboardAccess> access, string? returnUrl, string? error) =>
            Page(context, antiforgery, StatusCodes.Status200OK, LoginForm(access.Value, returnUrl, error == DashboardOidc.FailedError
                ? "The identity provider's sign-in was not accepted: your account has no dashboard role (viewer, operator or admin), or the sign-in expired."
                : null))).AllowAnonymous();
        // The provider's sign-in; it comes back to /signin-oidc, which the authentication middleware answers.
        dashboard.MapGet("/login/oidc", (IOptions<DashboardAccess> access, string? returnUrl) => access.Value.Oidc.Enabled
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl is not null && IsLocal(returnUrl) ? returnUrl : "/orders" }, [DashboardOidc.Scheme])
            : Results.NotFound()).AllowAnonymous();
        dashboard.MapPost("/login", SignInAsync).AllowAnonymous();
        dashboard.MapGet("/logout", (HttpContext context, IAntiforgery antiforgery) =>
            Page(context, antiforgery, StatusCodes.Status200OK, LogoutForm));
        dashboard.MapPost("/logout", SignOutAsync);
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, IAntiforgery antiforgery, IOptions<DashboardAccess> options, DashboardUsers users, FailureThrottle throttle, TimeProvider clock, ILoggerFactory loggers)
    {
        var access = options.Value;
        var log = loggers.CreateLogger("Ecommerce.Dashboard.Login");
        if (!await antiforgery.IsRequestValidAsync(context))
            return Page(context, antiforgery, StatusCodes.Status400BadRequest, LoginForm(access, null, "The form expired. Please sign in again."));
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = form["returnUrl"].ToString();
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;

        if (throttle.LockedOutFor(address) is { } left)
        {
            log.LogWarning("Dashboard sign-in refused: {ClientAddress} is locked out for {Minutes:0.#} more minutes", address, left.TotalMinutes);
            return LockedOut(context, antiforgery, access, left);
        }
        var name = form["username"].ToString();
        if (users.SignIn(name.Length == 0 ? DashboardUsers.AdminName : name, form["password"].ToString()) is { } user)
        {
            throttle.Succeeded(address);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, DashboardUser.Principal(user.Name, user.Role));
            log.LogInformation("Dashboard sign-in of {DashboardUser} ({Role:l}) from {ClientAddress}", user.Name, DashboardUser.RoleName(user.Role), address);
            return Results.Redirect(IsLocal(returnUrl) ? returnUrl : "/orders");
        }

        var (delay, lockedOut) = throttle.Failed(address);
        log.LogWarning("Dashboard sign-in failed from {ClientAddress}: wrong name or password{LockedOut}", address, lockedOut ? "; locked out" : "");
        if (lockedOut) return LockedOut(context, antiforgery, access, throttle.LockedOutFor(address) ?? TimeSpan.Zero);
        await Task.Delay(delay, clock, context.RequestAborted);
        return Page(context, antiforgery, StatusCodes.Status401Unauthorized,
            LoginForm(access, returnUrl, access.Users.Count == 0 ? "Wrong password." : "Wrong name or password."));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
            return Page(context, antiforgery, StatusCodes.Status400BadRequest, LogoutForm);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/login");
    }

    private static IResult LockedOut(HttpContext context, IAntiforgery antiforgery, DashboardAccess access, TimeSpan left)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(left.TotalMinutes));
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(left.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page(context, antiforgery, StatusCodes.Status429TooManyRequests,
            LoginForm(access, null, $"Too many wrong passwords from this address. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}."));
    }

    /// <summary>Only a path of this site: never an open redirect to another host.</summary>
    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) && !url.Contains('\r') && !url.Contains('\n');

    /// <summary>
    /// Only the admin password set: its one field, as before users existed; with users, a name field too; with an
    /// identity provider, a link to sign in there (alone when nobody has a password).
    /// </summary>
    private static string LoginForm(DashboardAccess access, string? returnUrl, string? error) => $"""
        <h1>Ecommerce admin</h1>
        {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{Html(error)}</p>")}
        {(access.Oidc.Enabled ? $"<p><a class=\"button\" href=\"/login/oidc?returnUrl={Uri.EscapeDataString(returnUrl ?? "/orders")}\">Sign in with {Html(access.Oidc.DisplayName)}</a></p>" : "")}
        {(access.HasPasswords ? PasswordForm(access, returnUrl) : "")}
        """;

    private static string PasswordForm(DashboardAccess access, string? returnUrl) => $"""
        <form method="post" action="/login">
          @@TOKEN@@
          <input type="hidden" name="returnUrl" value="{Html(returnUrl ?? "")}">
          {(access.Users.Count == 0
              ? "<input type=\"text\" name=\"username\" value=\"admin\" autocomplete=\"username\" hidden>"
              : "<label for=\"username\">Name</label>\n  <input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" required autofocus>")}
          <label for="password">{(access.Users.Count == 0 ? "Admin password" : "Password")}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required{(access.Users.Count == 0 ? " autofocus" : "")}>
          <button type="submit">Sign in</button>
        </form>
        """;

    private const string LogoutForm = """
        <h1>Ecommerce admin</h1>
        <form method="post" action="/logout">
          @@TOKEN@@
          <p>Sign out of the dashboard?</p>
          <button type="submit">Sign out</button>
        </form>
        """;

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, int status, string body)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var token = $"<input type=\"hidden\" name=\"{Html(tokens.FormFieldName)}\" value=\"{Html(tokens.RequestToken ?? "")}\">";
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · Ecommerce admin</title>
            <style>
              body { font-family: system-ui, sans-serif; display: grid; place-items: center; min-height: 90vh; margin: 0; background: #f5f6f8; }
              form, h1, p { width: 20rem; } form { display: grid; gap: .6rem; background: #fff; padding: 1.5rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; }
              h1 { font-size: 1.3rem; } .error { color: #b00020; } input, button { font: inherit; padding: .5rem; } button { cursor: pointer; }
              a.button { display: block; text-align: center; padding: .6rem; background: #fff; border: 1px solid #8a8f98; border-radius: 6px; color: inherit; text-decoration: none; }
            </style></head>
            <body><main>{{body.Replace("@@TOKEN@@", token)}}</main></body></html>
            """, "text/html; charset=utf-8", statusCode: status);
    }

    private static string Html(string text) => HtmlEncoder.Default.Encode(text);
}

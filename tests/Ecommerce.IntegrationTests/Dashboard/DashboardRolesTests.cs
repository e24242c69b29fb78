using System.Net;
using System.Text.RegularExpressions;
using Ecommerce.Dashboard.Security;
using Ecommerce.IntegrationTests.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>
/// Dashboard users with roles, in Chromium and by direct requests: a viewer is offered no action and refused one asked
/// for directly; an operator's cancellation is written in the audit log under their name, with API authentication off
/// (the dashboard's credential still vouches for the name) and on.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
[Category("Browser")]
public sealed class DashboardRolesTests(bool apiAuth) : BrowserFixture(Settings(apiAuth))
{
    private const string Viewer = "閲覧 花子";
    private const string Operator = "ops";
    private const string Password = "a long enough password";

    private static Dictionary<string, string?> Settings(bool apiAuth)
    {
        var settings = apiAuth ? ApiAuth.Settings() : [];
        foreach (var (key, value) in Admin.Settings()) settings[key] = value;
        var hash = DashboardUsers.Hash(Password);
        settings["Dashboard:Users:0:Name"] = Viewer;
        settings["Dashboard:Users:0:PasswordHash"] = hash;
        settings["Dashboard:Users:0:Role"] = "viewer";
        settings["Dashboard:Users:1:Name"] = Operator;
        settings["Dashboard:Users:1:PasswordHash"] = hash;
        settings["Dashboard:Users:1:Role"] = "operator";
        return settings;
    }

    private HttpClient Orders => apiAuth ? App.Client(App.OrdersPort).With(ApiAuth.AdminKey) : App.Orders;

    private async Task<int> PaidOrder()
    {
        var (created, order) = await Orders.PostJson("/api/v1/orders/", Requests.Order());
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        return (int)order["id"]!;
    }

    private async Task<IPage> SignIn(string name)
    {
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync($"{Url}/orders");
        await page.FillAsync("#username", name);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button:has-text('Sign in')");
        await Expect(page).ToHaveURLAsync(new Regex("/orders$"));
        return page;
    }

    [Test]
    public async Task Given_a_viewer_Then_pages_read_but_offer_no_action_and_the_pages_that_change_orders_are_refused()
    {
        var id = await PaidOrder();
        var page = await SignIn(Viewer);
        await Expect(page.Locator(".user")).ToHaveTextAsync($"{Viewer} (viewer)");
        await Expect(page.Locator("nav a", new() { HasText = "New order" })).ToHaveCountAsync(0);
        await Expect(page.Locator("nav a", new() { HasText = "Import" })).ToHaveCountAsync(0);

        await page.GotoAsync($"{Url}/orders/{id}");
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("paid");
        await Expect(page.Locator(".actions button")).ToHaveCountAsync(0);

        await page.GotoAsync($"{Url}/payments");
        await Expect(page.Locator($"tr:has(a[href='/orders/{id}'])")).ToHaveCountAsync(1);
        await Expect(page.Locator("button", new() { HasText = "Refund" })).ToHaveCountAsync(0);

        // Reached inside the running app (its router), then as a page load (the server).
        await page.EvaluateAsync("path => Blazor.navigateTo(path)", "/import");
        await Expect(page.Locator("main [role=alert]")).ToHaveTextAsync("Your role (viewer) may not do this; it needs operator.");
        await Expect(page.Locator("button", new() { HasText = "Check rows" })).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "viewer-refused");
        var direct = await page.GotoAsync($"{Url}/orders/new");
        Assert.That(direct!.Status, Is.EqualTo(403));
    }

    [Test]
    public async Task Given_an_operator_When_cancelling_in_the_dashboard_Then_the_audit_log_names_them_and_refunds_stay_closed()
    {
        var id = await PaidOrder();
        var page = await SignIn(Operator);
        await page.GotoAsync($"{Url}/orders/{id}");
        await page.ClickAsync(".actions button:has-text('Cancel')");
        await Expect(page.Locator(".badge").First).ToHaveTextAsync("cancelled");

        Assert.That(await AuditActor("orders.db", $"order {id}", "order.cancelled"), Is.EqualTo($"dashboard:{Operator}"));
        // The audit page shows it, with who, and filters by who in the URL.
        await page.GotoAsync($"{Url}/audit?actor=dashboard:{Operator}");
        var cancelled = page.Locator($"tr[data-audit-action='order.cancelled']:has(a[href='/orders/{id}'])");
        await Expect(cancelled).ToContainTextAsync($"dashboard:{Operator}");
        await Expect(page.Locator("tr[data-audit-action='order.created']")).ToHaveCountAsync(0); // created by the API's caller, not ops
        await Browser.ScreenshotAsync(page, $"audit{(apiAuth ? "-api-auth" : "")}");
        await page.GotoAsync($"{Url}/payments");
        await Expect(page.Locator($"tr:has(a[href='/orders/{id}'])")).ToHaveCountAsync(1);
        await Expect(page.Locator("button", new() { HasText = "Refund" })).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Given_a_viewers_session_When_the_pages_that_change_orders_are_requested_directly_Then_403()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(Url) };
        var session = await SignInOverHttp(http, Viewer);
        foreach (var (path, status) in new[] { ("/orders/new", HttpStatusCode.Forbidden), ("/import", HttpStatusCode.Forbidden), ("/orders", HttpStatusCode.OK) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Cookie", session } } };
            using var response = await http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(status), path);
        }
        var operatorSession = await SignInOverHttp(http, Operator);
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/orders/new") { Headers = { { "Cookie", operatorSession } } };
        Assert.That((await http.SendAsync(allowed)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Given_a_known_name_with_a_wrong_password_Then_401_and_no_session()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(Url) };
        var (status, cookie) = await PostLogin(http, Operator, "not the password");
        Assert.That((status, cookie), Is.EqualTo((HttpStatusCode.Unauthorized, (string?)null)));
    }

    private async Task<string> SignInOverHttp(HttpClient http, string name)
    {
        var (status, cookie) = await PostLogin(http, name, Password);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Redirect));
        return cookie!;
    }

    /// <summary>The login form posted as a browser would: its antiforgery token and cookie first.</summary>
    private static async Task<(HttpStatusCode, string?)> PostLogin(HttpClient http, string name, string password)
    {
        using var form = await http.GetAsync("/login");
        var token = Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var antiforgery = Cookies(form).Single(c => c.StartsWith(Ecommerce.Dashboard.DashboardModule.AntiforgeryCookie, StringComparison.Ordinal));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["username"] = name, ["password"] = password }),
            Headers = { { "Cookie", antiforgery } },
        };
        using var response = await http.SendAsync(post);
        return (response.StatusCode, Cookies(response).SingleOrDefault(c => c.StartsWith(".Ecommerce.Admin=", StringComparison.Ordinal)));
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    private async Task<string?> AuditActor(string database, string subject, string action)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(App.DataDirectory, database)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Actor FROM audit_log WHERE Subject = $subject AND Action = $action";
        command.Parameters.AddWithValue("$subject", subject);
        command.Parameters.AddWithValue("$action", action);
        return (string?)await command.ExecuteScalarAsync();
    }
}

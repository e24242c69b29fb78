using System.Net;
using Ecommerce.IntegrationTests.Infrastructure;

namespace Ecommerce.IntegrationTests.Platform;

[TestFixture]
public sealed class StartupTests
{
    [Test]
    public void Given_an_unknown_database_provider_Then_start_up_fails_with_a_message_naming_the_setting()
    {
        var exception = Assert.Catch(() => new EcommerceApp(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }));
        Assert.That(Flatten(exception!), Does.Contain("Database:Provider 'Oracle' is not supported"));
    }

    [Test]
    public void Given_an_invalid_port_Then_start_up_fails_with_a_message_naming_the_setting()
    {
        var exception = Assert.Catch(() => new EcommerceApp(new Dictionary<string, string?> { ["Ports:Orders"] = "eighty" }));
        Assert.That(Flatten(exception!), Does.Contain("Ports:Orders must be a port number"));
    }

    [Test]
    public async Task Given_only_payments_enabled_Then_only_its_port_answers()
    {
        await using var app = new EcommerceApp(new Dictionary<string, string?> { ["Modules:Enabled"] = "Payments" });
        using var payments = await app.Payments.GetAsync("/health");
        Assert.That(payments.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.CatchAsync<HttpRequestException>(() => app.Orders.GetAsync("/health"));
        Assert.That(File.Exists(Path.Combine(app.DataDirectory, "orders.db")), Is.False);
    }

    [TestCase(null)]
    [TestCase("Orders,Payments,Notifications")]
    public async Task Given_start_up_Then_the_key_ring_is_left_to_the_dashboards_first_use(string? modules)
    {
        await using var app = new EcommerceApp(modules is null ? null : new Dictionary<string, string?> { ["Modules:Enabled"] = modules });
        var hosted = app.Service<IEnumerable<Microsoft.Extensions.Hosting.IHostedService>>().Select(s => s.GetType().Name);
        Assert.That(hosted, Has.None.EqualTo("DataProtectionHostedService"));
        var antiforgery = app.Service<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>>().Value;
        Assert.That(antiforgery.Cookie.Name, Is.EqualTo(Ecommerce.Shared.Hosting.Platform.AntiforgeryCookie), "no SHA-256 of the app name at start-up");
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}

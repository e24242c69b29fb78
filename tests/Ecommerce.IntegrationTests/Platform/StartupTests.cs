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

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}

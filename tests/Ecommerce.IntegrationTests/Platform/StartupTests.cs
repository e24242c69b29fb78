using System.Net;
using Ecommerce.IntegrationTests.Infrastructure;

namespace Ecommerce.IntegrationTests.Platform;

[TestFixture]
public sealed class StartupTests
{
    [Test]
    public void Given_an_unknown_database_provider_Then_start_up_fails_with_a_message_naming_the_setting()
    {
        var exception = Assert.CatchAsync(() => EcommerceApp.StartAsync(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }));
        Assert.That(Flatten(exception!), Does.Contain("Database:Provider 'Oracle' is not supported"));
    }

    [Test]
    public void Given_an_invalid_port_Then_start_up_fails_with_a_message_naming_the_setting()
    {
        var exception = Assert.CatchAsync(() => EcommerceApp.StartAsync(new Dictionary<string, string?> { ["Ports:Orders"] = "eighty" }));
        Assert.That(Flatten(exception!), Does.Contain("Ports:Orders must be a port number"));
    }

    [Test]
    public void Given_two_modules_on_one_port_Then_start_up_fails_naming_both()
    {
        var port = FreePorts.Next();
        var exception = Assert.CatchAsync(() => EcommerceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Ports:Orders"] = $"{port}", ["Ports:Payments"] = $"{port}",
        }));
        Assert.That(Flatten(exception!), Does.Contain($"Ports:Orders and Ports:Payments are both {port}: each module needs a port of its own."));
    }

    [TestCase("Orders:BulkChunkSize", "0", "Orders:BulkChunkSize must be a whole number from 1 to 100000, not 0.")]
    [TestCase("Orders:BulkParallelism", "-1", "Orders:BulkParallelism must be a whole number from 1 to 64, not -1.")]
    [TestCase("Orders:ChainRecoveryAfterSeconds", "0", "Orders:ChainRecoveryAfterSeconds must be a number of seconds greater than 0, not 0.")]
    [TestCase("Notifications:RateLimitPerSecond", "0", "Notifications:RateLimitPerSecond must be a whole number from 1 to 10000000, not 0.")]
    [TestCase("Notifications:RateLimitPerSecond", "ten", "'Notifications:RateLimitPerSecond'")]
    [TestCase("Services:Payments:TimeoutSeconds", "-2", "Services:Payments:TimeoutSeconds must be a number of seconds greater than 0, not -2.")]
    public void Given_a_module_setting_out_of_range_Then_start_up_fails_before_listening_naming_it(string key, string value, string message)
    {
        var orders = FreePorts.Next();
        var exception = Assert.CatchAsync(() => EcommerceApp.StartAsync(new Dictionary<string, string?>
        {
            [key] = value, ["Ports:Orders"] = $"{orders}", ["Serilog:MinimumLevel:Default"] = "Fatal",
        }));
        Assert.That(Flatten(exception!), Does.Contain(message));
        using var probe = new System.Net.Sockets.TcpClient();
        Assert.Catch<System.Net.Sockets.SocketException>(() => probe.Connect("127.0.0.1", orders), "no port listened");
    }

    [Test]
    public async Task Given_module_settings_Then_the_module_runs_with_them()
    {
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Orders:BulkChunkSize"] = "7", ["Orders:ChainRecoveryAfterSeconds"] = "2.5", ["Notifications:RateLimitPerSecond"] = "3",
        });
        var orders = app.Service<Microsoft.Extensions.Options.IOptions<Ecommerce.Orders.OrdersOptions>>().Value;
        Assert.That((orders.BulkChunkSize, orders.BulkParallelism, orders.ChainRecoveryGrace), Is.EqualTo((7, 2, TimeSpan.FromSeconds(2.5))));
        Assert.That(app.Service<Microsoft.Extensions.Options.IOptions<Ecommerce.Notifications.NotificationsOptions>>().Value.RateLimitPerSecond,
            Is.EqualTo(3));
    }

    [Test]
    public async Task Given_only_payments_enabled_Then_only_its_port_answers()
    {
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?> { ["Modules:Enabled"] = "Payments" });
        using var payments = await app.Payments.GetAsync("/health");
        Assert.That(payments.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var bound = app.Service<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        Assert.That(bound.Select(address => new Uri(address).Port), Is.EqualTo(new[] { app.PaymentsPort }), string.Join(", ", bound));
        Assert.That(File.Exists(Path.Combine(app.DataDirectory, "orders.db")), Is.False);
    }

    [Test]
    public async Task Given_start_up_Then_the_key_ring_is_left_to_the_dashboards_first_use()
    {
        await using var app = await EcommerceApp.StartAsync();
        var hosted = app.Service<IEnumerable<Microsoft.Extensions.Hosting.IHostedService>>().Select(s => s.GetType().Name);
        Assert.That(hosted, Has.None.EqualTo("DataProtectionHostedService"));
        var antiforgery = app.Service<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>>().Value;
        Assert.That(antiforgery.Cookie.Name, Is.EqualTo(Ecommerce.Dashboard.DashboardModule.AntiforgeryCookie), "no SHA-256 of the app name at start-up");
    }

    [Test]
    public async Task Given_the_apis_without_the_dashboard_Then_neither_antiforgery_nor_data_protection_is_set_up()
    {
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?> { ["Modules:Enabled"] = "Orders,Payments,Notifications" });
        var services = app.Service<Microsoft.Extensions.DependencyInjection.IServiceProviderIsService>();
        Assert.That(services.IsService(typeof(Microsoft.AspNetCore.Antiforgery.IAntiforgery)), Is.False);
        Assert.That(services.IsService(typeof(Microsoft.AspNetCore.DataProtection.IDataProtectionProvider)), Is.False);
        var (response, _) = await app.Orders.PostJson("/api/v1/orders", Requests.Order());
        Assert.That((int)response.StatusCode, Is.EqualTo(201));
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}

using System.Net;
using Npgsql;

namespace Ecommerce.IntegrationTests.Platform;

/// <summary>
/// /health/ready, for orchestrators: on each port, whether that module can work (its database answers; Redis, when
/// configured, only degrades it). /health stays the original's body whatever the dependencies do.
/// </summary>
[TestFixture]
public sealed class ReadinessTests
{
    [Test]
    public async Task Given_a_running_host_Then_each_port_is_ready_with_its_own_checks()
    {
        await using var app = await EcommerceApp.StartAsync();
        await MigratedAsync(app);
        foreach (var (client, service, checks) in new[]
                 {
                     (app.Orders, "orders", """{"shutdown":"ok","database":"ok"}"""),
                     (app.Payments, "payments", """{"shutdown":"ok","database":"ok"}"""),
                     (app.Notifications, "notifications", """{"shutdown":"ok","database":"ok"}"""),
                     (app.Dashboard, "dashboard", """{"shutdown":"ok"}"""),
                 })
        {
            var (response, body) = await client.GetJson("/health/ready");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), service);
            Assert.That(body.ToJsonString(), Is.EqualTo($$"""{"status":"ok","service":"{{service}}","checks":{{checks}}}"""));
        }
        Assert.That((await app.Orders.GetJson("/health")).Body.ToJsonString(), Is.EqualTo("""{"status":"ok","service":"orders"}"""));
    }

    [Test]
    public async Task Given_the_database_refuses_connections_Then_the_module_is_not_ready_until_it_accepts_them_again()
    {
        await TestStore.RequireProviderAsync(TestStore.Postgres);
        await using var app = await EcommerceApp.StartAsync(TestStore.On(TestStore.Postgres));
        await MigratedAsync(app);
        var database = TestStore.DatabaseName(app.DataDirectory);
        var server = new NpgsqlConnectionStringBuilder(await (await PostgresServer.RunningAsync()).DatabaseAsync(app.DataDirectory)) { Database = "postgres", Pooling = false };
        try
        {
            await AdminAsync(server.ConnectionString,
                $"ALTER DATABASE {database} ALLOW_CONNECTIONS false",
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");
            var (down, body) = await app.Orders.GetJson("/health/ready");
            Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That((string?)body["status"], Is.EqualTo("unavailable"));
            Assert.That((string?)body["checks"]!["database"], Does.StartWith("unavailable: "));
            Assert.That((await app.Orders.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "liveness does not depend on the database");
        }
        finally
        {
            await AdminAsync(server.ConnectionString, $"ALTER DATABASE {database} ALLOW_CONNECTIONS true");
        }
        Assert.That(await Eventually.TrueAsync(async () => (await app.Orders.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30)), Is.True);
    }

    [Test]
    public async Task Given_Redis_does_not_answer_Then_Notifications_is_ready_but_degraded()
    {
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = $"127.0.0.1:{FreePorts.Next()}" });
        await MigratedAsync(app);
        var (response, body) = await app.Notifications.GetJson("/health/ready");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)body["status"], Is.EqualTo("degraded"));
        Assert.That((string?)body["checks"]!["redis"], Does.StartWith("degraded: the limit is kept by this replica alone"));
        Assert.That((string?)(await app.Orders.GetJson("/health/ready")).Body["status"], Is.EqualTo("ok"), "Redis concerns Notifications only");
    }

    [Test]
    public async Task Given_a_start_Then_a_module_is_ready_only_once_its_database_is_migrated_and_its_API_waits_for_it()
    {
        await using var app = await EcommerceApp.StartAsync();
        // Whatever the moment the first request lands, it is answered (it waits for the migration), never refused.
        var (created, _) = await app.Orders.PostJson("/api/v1/orders/", Requests.Order());
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var (_, ready) = await app.Orders.GetJson("/health/ready");
        Assert.That(ready.ToJsonString(), Is.EqualTo("""{"status":"ok","service":"orders","checks":{"shutdown":"ok","database":"ok"}}"""));
    }

    /// <summary>The modules migrate in the background after the start; readiness says so until they are done.</summary>
    private static async Task MigratedAsync(EcommerceApp app)
    {
        foreach (var client in new[] { app.Orders, app.Payments, app.Notifications })
            Assert.That(await Eventually.TrueAsync(async () =>
                (string?)(await client.GetJson("/health/ready")).Body["checks"]?["database"] == "ok", TimeSpan.FromSeconds(60)), Is.True);
    }

    private static async Task AdminAsync(string connectionString, params string[] statements)
    {
        await using var admin = new NpgsqlConnection(connectionString);
        await admin.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync();
        }
    }
}

using System.Net;
using Testcontainers.MsSql;

namespace Ecommerce.IntegrationTests.SqlServer;

/// <summary>
/// The production provider: the host on SQL Server, each module in its own schema, created by its migrations.
/// Where no Docker engine answers, these tests are skipped with that reason, never passed.
/// </summary>
[TestFixture]
[Category("SqlServer")]
public sealed class SqlServerTests
{
    private MsSqlContainer? _sqlServer;

    [OneTimeSetUp]
    public async Task StartSqlServer()
    {
        if (!await DockerEngine.IsAvailableAsync()) Assert.Ignore("Docker is not available");
        _sqlServer = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04").Build();
        await _sqlServer.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopSqlServer()
    {
        if (_sqlServer is not null) await _sqlServer.DisposeAsync();
    }

    private Dictionary<string, string?> Settings()
    {
        var connectionString = _sqlServer!.GetConnectionString();
        return new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Orders"] = connectionString,
            ["ConnectionStrings:Payments"] = connectionString,
            ["ConnectionStrings:Notifications"] = connectionString,
        };
    }

    [Test]
    public async Task Given_sql_server_Then_an_order_goes_through_the_whole_chain_and_survives_a_restart()
    {
        int id;
        await using (var app = new EcommerceApp(Settings()))
        {
            var (response, order) = await app.Orders.PostJson("/api/v1/orders", Requests.Order());
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((string?)order["status"], Is.EqualTo("paid"));
            Assert.That(order.ToJsonString(), Does.Contain("\"total_amount\":183100.0"));
            id = (int)order["id"]!;
        }
        // Migrations are idempotent: a second start on the same database applies nothing and reads the same data.
        await using (var app = new EcommerceApp(Settings()))
        {
            var (response, order) = await app.Orders.GetJson($"/api/v1/orders/{id}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)order["customer_name"], Is.EqualTo("田中太郎"));
            var (_, notifications) = await app.Notifications.GetJson($"/api/v1/notifications/order/{id}");
            Assert.That((string?)notifications[0]!["subject"], Is.EqualTo($"ご注文確認 — 注文番号 #{id}"));
        }
    }

    [Test]
    public async Task Given_sql_server_Then_a_bulk_import_stores_each_order_once_with_its_items_and_is_idempotent()
    {
        await using var app = new EcommerceApp(Settings());
        var reference = Guid.NewGuid().ToString("N");
        var body = new { orders = Enumerable.Range(0, 5).Select(i => new
        {
            external_id = $"{reference}-{i}", customer_email = "tanaka@example.co.jp", customer_name = "田中太郎",
            items = new object[] { new { product_name = "ノートPC", quantity = 2, unit_price = 89800.0m }, new { product_name = "マウス", quantity = 1, unit_price = 3500.0m } },
        }).ToArray() };
        var (response, first) = await app.Orders.PostJson("/api/v1/orders/bulk", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((int)first["created"]!, Is.EqualTo(5));
        foreach (var result in first["results"]!.AsArray())
        {
            var (_, stored) = await app.Orders.GetJson($"/api/v1/orders/{result!["order"]!["id"]}");
            Assert.That((string?)stored["status"], Is.EqualTo("paid"));
            Assert.That(stored["items"]!.AsArray(), Has.Count.EqualTo(2));
        }
        var (_, again) = await app.Orders.PostJson("/api/v1/orders/bulk", body);
        Assert.That(((int)again["created"]!, (int)again["existing"]!), Is.EqualTo((0, 5)));
    }

    [Test]
    public async Task Given_sql_server_Then_concurrent_payments_for_one_order_have_one_winner()
    {
        await using var app = new EcommerceApp(Settings());
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            app.Payments.PostAsync("/api/v1/payments", Http.Json(Requests.Payment(424242)))));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest), Is.EqualTo(7));
    }
}

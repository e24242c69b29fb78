using System.Data.Common;
using System.Net;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace Ecommerce.IntegrationTests.Persistence;

/// <summary>
/// The host on a server database (PostgreSQL here, SQL Server where Docker runs): each module in its own schema of one
/// database, created by its migrations, applied once. The persistence tests of the other fixtures run on these providers
/// too (their Postgres and SqlServer variants).
/// </summary>
[TestFixture(TestStore.Postgres)]
[TestFixture(TestStore.SqlServer)]
public sealed class ServerDatabaseTests(string provider)
{
    [SetUp]
    public Task RequireProvider() => TestStore.RequireProviderAsync(provider);

    [Test]
    public async Task Given_a_server_database_Then_each_module_has_its_own_schema_and_a_restart_keeps_the_data()
    {
        var directory = ThrowawayDirectory.New();
        var settings = TestStore.On(provider, new Dictionary<string, string?> { ["Database:SqliteDirectory"] = directory });
        int id;
        await using (var app = await EcommerceApp.StartAsync(settings))
        {
            var (response, order) = await app.Orders.PostJson("/api/v1/orders/", Requests.Order());
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((string?)order["status"], Is.EqualTo("paid"));
            id = (int)order["id"]!;
        }

        var connectionString = (await TestStore.SettingsAsync(directory, settings))["ConnectionStrings:Orders"]!;
        await using (var connection = provider == TestStore.Postgres ? (DbConnection)new NpgsqlConnection(connectionString) : new SqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var tables = connection.CreateCommand();
            tables.CommandText = "SELECT CONCAT(table_schema, '.', table_name) FROM information_schema.tables WHERE table_schema IN ('orders','payments','notifications')";
            var names = new List<string>();
            await using (var reader = await tables.ExecuteReaderAsync())
                while (await reader.ReadAsync()) names.Add(reader.GetString(0));
            Assert.That(names, Is.SupersetOf(new[]
            {
                "orders.orders", "orders.order_items", "orders.owed_emails", "orders.__EFMigrationsHistory",
                "payments.payments", "payments.refunds", "payments.owed_webhooks", "payments.__EFMigrationsHistory",
                "notifications.notifications", "notifications.__EFMigrationsHistory",
            }));
        }

        // A second start on the same database applies no migration again and reads the same data.
        await using (var app = await EcommerceApp.StartAsync(settings))
        {
            var (response, order) = await app.Orders.GetJson($"/api/v1/orders/{id}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)order["customer_name"], Is.EqualTo("田中太郎"));
            Assert.That((string?)(await app.Payments.GetJson($"/api/v1/payments/order/{id}")).Body["status"], Is.EqualTo("completed"));
            Assert.That((await app.Notifications.GetJson($"/api/v1/notifications/order/{id}")).Body.AsArray(), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task Given_a_bulk_import_of_a_whole_chunk_Then_every_order_is_stored_once_with_its_items_and_a_repeat_creates_nothing()
    {
        // 120 orders: one chunk, past the size from which PostgreSQL takes rows by COPY (ids from the sequence).
        await using var app = await EcommerceApp.StartAsync(TestStore.On(provider, new Dictionary<string, string?> { ["Notifications:RateLimitPerSecond"] = null }));
        var reference = Guid.NewGuid().ToString("N");
        var body = new { orders = Enumerable.Range(0, 120).Select(i => new
        {
            external_id = $"{reference}-{i}", customer_email = "tanaka@example.co.jp", customer_name = "田中太郎",
            items = new object[] { new { product_name = "ノートPC", quantity = 2, unit_price = 89800.0m }, new { product_name = "マウス", quantity = 1, unit_price = 3500.0m } },
        }).ToArray() };
        var (response, first) = await app.Orders.PostJson("/api/v1/orders/bulk", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), first.ToJsonString());
        Assert.That((int)first["created"]!, Is.EqualTo(120));
        var ids = first["results"]!.AsArray().Select(r => (int)r!["order"]!["id"]!).ToList();
        Assert.That(ids, Is.Unique.And.Ordered);
        foreach (var id in new[] { ids[0], ids[59], ids[^1] })
        {
            var (_, stored) = await app.Orders.GetJson($"/api/v1/orders/{id}");
            Assert.That((string?)stored["status"], Is.EqualTo("paid"));
            Assert.That(stored["items"]!.AsArray().Select(i => (string?)i!["product_name"]), Is.EqualTo(new[] { "ノートPC", "マウス" }));
            Assert.That(stored.ToJsonString(), Does.Contain("\"total_amount\":183100.0"));
        }
        // A single order after the import gets the next id: the ids taken for the COPY came from the same sequence.
        var (_, single) = await app.Orders.PostJson("/api/v1/orders/", Requests.Order());
        Assert.That((int)single["id"]!, Is.GreaterThan(ids[^1]));

        var (_, again) = await app.Orders.PostJson("/api/v1/orders/bulk", body);
        Assert.That(((int)again["created"]!, (int)again["existing"]!), Is.EqualTo((0, 120)));
        Assert.That(again["results"]!.AsArray().Select(r => (int)r!["order"]!["id"]!), Is.EqualTo(ids));
    }
}

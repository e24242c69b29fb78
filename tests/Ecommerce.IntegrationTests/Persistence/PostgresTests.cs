using System.Net;
using Npgsql;

namespace Ecommerce.IntegrationTests.Persistence;

/// <summary>
/// The host on a real PostgreSQL (Database:Provider=Postgres): each module in its own schema of one database, created by
/// its migrations, applied once. The persistence tests of the other fixtures run on it too (their Postgres variants).
/// </summary>
[TestFixture]
public sealed class PostgresTests
{
    [SetUp]
    public void RequirePostgres() => TestStore.RequireProvider(TestStore.Postgres);

    [Test]
    public async Task Given_postgres_Then_each_module_has_its_own_schema_and_a_restart_keeps_the_data()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ecommerce-tests", Guid.NewGuid().ToString("N"));
        var settings = TestStore.On(TestStore.Postgres, new Dictionary<string, string?> { ["Database:SqliteDirectory"] = directory });
        int id;
        await using (var app = new EcommerceApp(settings))
        {
            var (response, order) = await app.Orders.PostJson("/api/v1/orders/", Requests.Order());
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((string?)order["status"], Is.EqualTo("paid"));
            id = (int)order["id"]!;
        }

        var connectionString = await (await PostgresServer.RunningAsync()).DatabaseAsync(directory);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var tables = new NpgsqlCommand(
                "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('orders','payments','notifications')", connection);
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
        await using (var app = new EcommerceApp(settings))
        {
            var (response, order) = await app.Orders.GetJson($"/api/v1/orders/{id}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)order["customer_name"], Is.EqualTo("田中太郎"));
            Assert.That((string?)(await app.Payments.GetJson($"/api/v1/payments/order/{id}")).Body["status"], Is.EqualTo("completed"));
            Assert.That((await app.Notifications.GetJson($"/api/v1/notifications/order/{id}")).Body.AsArray(), Has.Count.EqualTo(1));
        }
    }
}

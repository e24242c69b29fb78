using System.Net;
using System.Data.Common;
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
        var directory = Path.Combine(Path.GetTempPath(), "ecommerce-tests", Guid.NewGuid().ToString("N"));
        var settings = TestStore.On(provider, new Dictionary<string, string?> { ["Database:SqliteDirectory"] = directory });
        int id;
        await using (var app = new EcommerceApp(settings))
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

using System.Net;
using Microsoft.Data.Sqlite;

namespace Ecommerce.IntegrationTests.Security;

/// <summary>
/// Every state change leaves an audit row in its module's own database, naming who made it: the API key's name, the
/// calling module, or anonymous while authentication is off.
/// </summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class AuditTrailTests(bool secured) : HostFixture(settings: secured ? ApiAuth.Settings() : null)
{
    private HttpClient Client(int port) => secured ? App.Client(port).With(ApiAuth.KeyFor[Shared.Security.ApiScopes.OrdersWrite]) : App.Client(port);

    private async Task<List<string>> Rows(string database, int orderId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(App.DataDirectory, database)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Action, Actor, Detail FROM audit_log WHERE Subject = $subject ORDER BY Id";
        command.Parameters.AddWithValue("$subject", $"order {orderId}");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add($"{reader.GetString(0)} by {reader.GetString(1)}{(reader.IsDBNull(2) ? "" : $" ({reader.GetString(2)})")}");
        return rows;
    }

    [Test]
    public async Task Given_an_order_paid_shipped_and_cancelled_Then_each_change_is_audited_with_who_made_it()
    {
        var orders = Client(App.OrdersPort);
        var (_, order) = await orders.PostJson("/api/v1/orders/", Requests.Order());
        var id = (int)order["id"]!;
        var paymentId = (int)(await (secured ? App.Client(App.PaymentsPort).With(ApiAuth.AdminKey) : App.Payments).GetJson($"/api/v1/payments/order/{id}")).Body["id"]!;
        var (shipped, _) = await orders.PutJson($"/api/v1/orders/{id}/status", new { status = "shipped" });
        Assert.That(shipped.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var other = (int)(await orders.PostJson("/api/v1/orders/", Requests.Order())).Body["id"]!;
        var (cancelled, _) = await orders.DeleteJson($"/api/v1/orders/{other}");
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var (client, payments, orderModule) = secured ? ("only orders:write", "module:Payments", "module:Orders") : ("anonymous", "anonymous", "anonymous");
        Assert.That(await Rows("orders.db", id), Is.EqualTo(new[]
        {
            $"order.created by {client}", $"order.paid by {payments} (from pending, by the payment's webhook)", $"order.shipped by {client} (from paid)",
        }));
        Assert.That(await Rows("payments.db", id), Is.EqualTo(new[] { $"payment.completed by {orderModule} (payment {paymentId})" }));
        Assert.That(await Rows("orders.db", other), Is.EqualTo(new[]
        {
            $"order.created by {client}", $"order.paid by {payments} (from pending, by the payment's webhook)", $"order.cancelled by {client} (from paid)",
        }));
        Assert.That((await Rows("payments.db", other)).Last(), Does.StartWith($"payment.refunded by {orderModule} (payment "));
    }

    [Test]
    public async Task Given_an_order_Then_the_audit_routes_list_its_changes_newest_first_to_a_reader()
    {
        var (_, order) = await Client(App.OrdersPort).PostJson("/api/v1/orders/", Requests.Order());
        var id = (int)order["id"]!;
        HttpClient Reader(int port) => secured ? App.Client(port).With(ApiAuth.ReaderKey) : App.Client(port);

        var (listed, rows) = await Reader(App.OrdersPort).GetJson($"/api/v1/orders/audit?subject=order%20{id}");
        Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK), rows.ToJsonString());
        Assert.That(rows.AsArray().Select(r => $"{r!["action"]} {r["subject"]}"), Is.EqualTo(new[] { $"order.paid order {id}", $"order.created order {id}" }));
        Assert.That((string?)rows[0]!["actor"], Is.EqualTo(secured ? "module:Payments" : "anonymous"));
        var (_, payments) = await Reader(App.PaymentsPort).GetJson($"/api/v1/payments/audit?action=payment.completed&subject=order%20{id}&limit=5");
        Assert.That(payments.AsArray(), Has.Count.EqualTo(1));
        var (_, page) = await Reader(App.OrdersPort).GetJson("/api/v1/orders/audit?limit=1");
        Assert.That(page.AsArray(), Has.Count.EqualTo(1));

        if (!secured) return;
        var (refused, _) = await App.Client(App.OrdersPort).With(ApiAuth.KeyFor[Shared.Security.ApiScopes.PaymentsRead]).GetJson("/api/v1/orders/audit");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the audit of Orders needs orders:read");
    }
}

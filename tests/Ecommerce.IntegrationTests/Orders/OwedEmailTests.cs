using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace Ecommerce.IntegrationTests.Orders;

/// <summary>Emails Notifications does not take at once are owed and delivered later: none lost, none doubled, in order.</summary>
[TestFixture]
public sealed class OwedEmailTests
{
    [Test]
    public async Task Given_a_burst_over_the_notification_limit_Then_every_order_gets_exactly_one_confirmation()
    {
        // 1 email a second: a burst of 16 orders meets 429s whatever the speed of the machine.
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?> { ["Notifications:RateLimitPerSecond"] = "1" });
        var scenario = new OrderScenario(app);
        var ids = (await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => scenario.Create()))).Select(o => (int)o["id"]!).ToList();
        var confirmedAtOnce = await ConfirmedCount(app, ids);
        Assert.That(confirmedAtOnce, Is.LessThan(ids.Count), "the burst met the limit (429s) and some emails were owed");

        Assert.That(await Eventually.TrueAsync(async () => await ConfirmedCount(app, ids) == ids.Count, TimeSpan.FromSeconds(60)), Is.True);
        foreach (var id in ids) Assert.That(await scenario.Emails(id), Is.EqualTo(new[] { "ORDER_CONFIRMATION" }), $"order {id}");
    }

    [Test]
    public async Task Given_notifications_failing_then_recovering_Then_the_owed_emails_arrive_once_and_in_order()
    {
        var calls = 0;
        var accepted = new ConcurrentQueue<string>();
        await using var notifications = new StubServer(async context =>
        {
            var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!;
            if (Interlocked.Increment(ref calls) <= 2)
            {
                context.Response.StatusCode = 500;
                return;
            }
            var emails = context.Request.Path.Value!.EndsWith("/batch", StringComparison.Ordinal) ? body["notifications"]!.AsArray().ToList() : [body];
            foreach (var email in emails) accepted.Enqueue((string)email!["template_name"]!);
            context.Response.StatusCode = context.Request.Path.Value.EndsWith("/batch", StringComparison.Ordinal) ? 200 : 201;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"created":{{emails.Count}},"failed":0,"results":[]}""");
        }, readBody: false);
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?> { ["Services:Notifications:BaseUrl"] = notifications.BaseUrl });

        await new OrderScenario(app).InStatus("delivered");

        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(accepted.Count >= 3), TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(accepted, Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_SHIPPED", "ORDER_DELIVERED" }));
    }

    [Test]
    public async Task Given_a_restart_while_emails_are_owed_Then_the_new_process_delivers_them()
    {
        var directory = ThrowawayDirectory.New();
        await using var down = new StubServer(context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        int id;
        await using (var before = await EcommerceApp.StartAsync(new Dictionary<string, string?>
                     {
                         ["Database:SqliteDirectory"] = directory, ["Services:Notifications:BaseUrl"] = down.BaseUrl,
                     }))
        {
            id = (int)(await new OrderScenario(before).Create())["id"]!;
        }

        await using var after = await EcommerceApp.StartAsync(new Dictionary<string, string?> { ["Database:SqliteDirectory"] = directory });
        var scenario = new OrderScenario(after);
        Assert.That(await Eventually.TrueAsync(async () => (await scenario.Emails(id)).Count > 0, TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(await scenario.Emails(id), Is.EqualTo(new[] { "ORDER_CONFIRMATION" }));
    }

    [Test]
    public async Task Given_emails_whose_sender_died_Then_the_one_Notifications_holds_is_not_sent_again_and_the_other_is()
    {
        var directory = ThrowawayDirectory.New();
        var settings = new Dictionary<string, string?> { ["Database:SqliteDirectory"] = directory };
        int id;
        await using (var before = await EcommerceApp.StartAsync(settings))
        {
            id = (int)(await new OrderScenario(before).Create())["id"]!;
            Assert.That(await new OrderScenario(before).Emails(id), Is.EqualTo(new[] { "ORDER_CONFIRMATION" }));
        }
        // What a process that died mid-send leaves: emails it held (their lease has run out), sent or not.
        await using (var orders = new SqliteConnection($"Data Source={Path.Combine(directory, "orders.db")};Pooling=False"))
        {
            await orders.OpenAsync();
            foreach (var template in new[] { "ORDER_CONFIRMATION", "ORDER_SHIPPED" })
            {
                var insert = orders.CreateCommand();
                insert.CommandText = """
                    INSERT INTO owed_emails (OrderId, Message, Attempts, NextAttemptAt, ClaimedUntil, CreatedAt)
                    VALUES ($order, $message, 0, '2000-01-01 00:00:00', '2000-01-01 00:02:00', '2000-01-01 00:00:00')
                    """;
                insert.Parameters.AddWithValue("$order", id);
                insert.Parameters.AddWithValue("$message", new JsonObject
                {
                    ["order_id"] = id, ["to_email"] = "taro@example.com", ["template_name"] = template,
                    ["template_data"] = new JsonObject { ["order_id"] = id, ["customer_name"] = "Taro", ["total_amount"] = 1000.0, ["currency"] = "JPY", ["item_count"] = 1 },
                }.ToJsonString());
                await insert.ExecuteNonQueryAsync();
            }
        }

        await using var after = await EcommerceApp.StartAsync(settings);
        var scenario = new OrderScenario(after);
        Assert.That(await Eventually.TrueAsync(async () => (int)(await after.Orders.GetJson("/api/v1/orders/owed")).Body["count"]! == 0,
            TimeSpan.FromSeconds(60)), Is.True, "the dispatcher took both");
        Assert.That(await scenario.Emails(id), Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_SHIPPED" }));
    }

    private static async Task<int> ConfirmedCount(EcommerceApp app, IReadOnlyCollection<int> ids)
    {
        var (response, list) = await app.Notifications.GetJson("/api/v1/notifications/?template_name=ORDER_CONFIRMATION&limit=100");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return list.AsArray().Count(n => ids.Contains((int)n!["order_id"]!));
    }
}

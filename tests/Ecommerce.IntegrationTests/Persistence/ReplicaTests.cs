using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Ecommerce.IntegrationTests.Persistence;

/// <summary>
/// Two host processes (replicas behind a load balancer) on one PostgreSQL and one Redis behave as one deployment: one
/// notification limit between them, one set of orders. Without Redis, the limit fails safe to each replica's own window.
/// </summary>
[TestFixture]
public sealed class ReplicaTests
{
    [SetUp]
    public Task RequirePostgres() => TestStore.RequireProviderAsync(TestStore.Postgres);

    /// <summary>Where the shared window keeps the email channel's acceptances (it expires 2 s after the last one).</summary>
    private const string EmailWindowKey = "{ecommerce:notifications:email}:accepted";

    private static Dictionary<string, string?> Replica(string store, RedisServer? redis) => TestStore.On(TestStore.Postgres, new Dictionary<string, string?>
    {
        ["Database:SqliteDirectory"] = store,
        ["ConnectionStrings:Redis"] = redis?.ConnectionString,
        ["Notifications:RateLimitPerSecond"] = "10",
    });

    [Test]
    public async Task Given_two_replicas_on_one_redis_Then_30_emails_over_both_give_10_accepted_and_20_refused()
    {
        await using var redis = await RedisServer.StartAsync();
        var store = ThrowawayDirectory.New();
        await using var first = await EcommerceApp.StartAsync(Replica(store, redis));
        await using var second = await EcommerceApp.StartAsync(Replica(store, redis));
        // Warms each replica's Redis connection and script on the other channel, so the burst meets a ready limiter.
        foreach (var replica in new[] { first, second })
            Assert.That((await replica.Notifications.PostJson("/api/v1/notifications/sms", Sms())).Response.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        // The window is one second of Redis's clock (D22), which no test can hold still: a burst is judged once it fits in
        // one second (then exactly 10 pass); one that took longer on a busy machine is sent again once the window emptied.
        using var window = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        HttpResponseMessage[] responses = [];
        var elapsed = TimeSpan.MaxValue;
        for (var burst = 0; burst < 5 && elapsed >= TimeSpan.FromSeconds(1); burst++)
        {
            if (burst > 0)
                Assert.That(await Eventually.TrueAsync(async () => !await window.GetDatabase().KeyExistsAsync(EmailWindowKey), TimeSpan.FromSeconds(10)),
                    Is.True, "the window's acceptances expire");
            var clock = Stopwatch.StartNew();
            responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
                (i % 2 == 0 ? first : second).Notifications.PostAsync("/api/v1/notifications/email", Http.Json(Requests.Email(i + 1)))));
            elapsed = clock.Elapsed;
        }
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "five bursts of 30 requests each took a second or more");

        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.That(accepted, Is.EqualTo(10), "one limit for both replicas");
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests), Is.EqualTo(20));
        Assert.That(responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).All(r => r.Headers.RetryAfter is not null), Is.True);
        Assert.That((string?)(await first.Notifications.GetJson("/health")).Body["details"]!["rate_limit"], Is.EqualTo("shared by every replica (Redis)"));
    }

    [Test]
    public async Task Given_redis_unreachable_Then_each_replica_keeps_the_limit_itself_and_health_says_so()
    {
        var nobody = $"127.0.0.1:{FreePorts.Next()}";
        var store = ThrowawayDirectory.New();
        var settings = Replica(store, null);
        settings["ConnectionStrings:Redis"] = nobody;
        // The window is the host's clock, held still: however slow the burst, it falls in one second.
        await using var app = await EcommerceApp.StartAsync(settings, new FakeTimeProvider(DateTimeOffset.UtcNow));

        var responses = await Task.WhenAll(Enumerable.Range(0, 15).Select(i =>
            app.Notifications.PostAsync("/api/v1/notifications/email", Http.Json(Requests.Email(i + 1)))));
        Assert.That(responses.All(r => r.StatusCode is HttpStatusCode.Created or HttpStatusCode.TooManyRequests), Is.True, "never a 500 for Redis");
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(10), "the local window still limits");
        var (health, body) = await app.Notifications.GetJson("/health");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)body["details"]!["rate_limit"], Does.StartWith("kept by this replica alone: Redis does not answer"));
    }

    [Test]
    public async Task Given_two_replicas_on_one_database_Then_an_order_created_on_one_is_read_shipped_and_cancelled_on_the_other()
    {
        await using var redis = await RedisServer.StartAsync();
        var store = ThrowawayDirectory.New();
        await using var first = await EcommerceApp.StartAsync(Replica(store, redis));
        await using var second = await EcommerceApp.StartAsync(Replica(store, redis));
        var shipped = (int)(await new Orders.OrderScenario(first).Create())["id"]!;
        var cancelled = (int)(await new Orders.OrderScenario(first).Create())["id"]!;

        Assert.That((string?)(await second.Orders.GetJson($"/api/v1/orders/{shipped}")).Body["status"], Is.EqualTo("paid"));
        var (ship, _) = await second.Orders.PutJson($"/api/v1/orders/{shipped}/status", new { status = "shipped" });
        Assert.That(ship.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var (cancel, _) = await second.Orders.DeleteJson($"/api/v1/orders/{cancelled}");
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((string?)(await first.Orders.GetJson($"/api/v1/orders/{shipped}")).Body["status"], Is.EqualTo("shipped"));
        Assert.That((string?)(await first.Orders.GetJson($"/api/v1/orders/{cancelled}")).Body["status"], Is.EqualTo("cancelled"));
        Assert.That((string?)(await first.Payments.GetJson($"/api/v1/payments/order/{cancelled}")).Body["status"], Is.EqualTo("refunded"));
        Assert.That(await new Orders.OrderScenario(first).Emails(cancelled), Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_CANCELLED" }));
    }

    [Test]
    public async Task Given_two_replicas_delivering_one_queue_Then_each_email_reaches_the_server_once_and_each_orders_in_order()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var store = ThrowawayDirectory.New();
        var settings = Replica(store, null);
        settings["Notifications:RateLimitPerSecond"] = "100000";
        foreach (var (key, value) in smtp.HostSettings()) settings[key] = value;
        await using var first = await EcommerceApp.StartAsync(settings);
        await using var second = await EcommerceApp.StartAsync(settings);

        // Ten orders, three emails each, accepted on either replica: both delivery workers take from one queue.
        var templates = new[] { "ORDER_CONFIRMATION", "ORDER_SHIPPED", "ORDER_DELIVERED" };
        var accepted = new List<(int Order, int Id)>();
        foreach (var template in templates)
            foreach (var order in Enumerable.Range(1, 10))
            {
                var replica = (order + accepted.Count) % 2 == 0 ? first : second;
                var (response, body) = await replica.Notifications.PostJson("/api/v1/notifications/email",
                    Requests.Email(order, template, to: $"order{order}@example.com"));
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
                accepted.Add((order, (int)body["id"]!));
            }

        Assert.That(await smtp.WaitForAsync(accepted.Count, TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(await Eventually.TrueAsync(async () => (int)(await first.Notifications.GetJson("/api/v1/notifications/owed")).Body["count"]! == 0,
            TimeSpan.FromSeconds(60)), Is.True);
        var messageIds = new Dictionary<string, (int Order, int Id)>();
        foreach (var (order, id) in accepted)
            messageIds[(string)(await first.Notifications.GetJson($"/api/v1/notifications/{id}/delivery")).Body["message_id"]!] = (order, id);
        Assert.That(smtp.Received.Select(e => e.Message.MessageId), Is.EquivalentTo(messageIds.Keys), "each once");
        foreach (var order in Enumerable.Range(1, 10))
            Assert.That(smtp.Received.Select(e => messageIds[e.Message.MessageId!]).Where(m => m.Order == order).Select(m => m.Id),
                Is.Ordered, $"order {order}'s emails in the order they were accepted");
    }

    [Test]
    public async Task Given_a_sending_quota_slower_than_the_lease_Then_two_replicas_still_hand_each_email_over_once()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // both replicas' workers and quotas move only with the test
        var settings = Replica(ThrowawayDirectory.New(), null);
        foreach (var (key, value) in smtp.HostSettings()) settings[key] = value;
        settings["Notifications:Smtp:MaxPerSecond"] = "0.0333"; // one email every 30 s per replica: eight take 4 minutes alone
        settings["Notifications:Smtp:Connections"] = "1";
        await using var first = await EcommerceApp.StartAsync(settings, clock);
        await using var second = await EcommerceApp.StartAsync(settings, clock);
        var accepted = new List<int>();
        foreach (var order in Enumerable.Range(1, 8))
            accepted.Add((int)(await first.Notifications.PostJson("/api/v1/notifications/email", Requests.Email(order))).Body["id"]!);

        // A round that took all eight would still be sending when its 2-minute lease ran out and the other replica took
        // the rest; each round hands over only while half its lease is left, and gives back the rest.
        Assert.That(await Eventually.TrueAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(smtp.Received.Count >= accepted.Count);
        }, TimeSpan.FromSeconds(90)), Is.True, $"{smtp.Received.Count} of {accepted.Count} delivered");
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            return (int)(await first.Notifications.GetJson("/api/v1/notifications/owed")).Body["count"]! == 0;
        }, TimeSpan.FromSeconds(30)), Is.True);
        // A worker still holding rows another has delivered would send them within its lease: let one more lease pass.
        var ticks = 0;
        Assert.That(await Eventually.TrueAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(++ticks >= 75);
        }, TimeSpan.FromSeconds(60)), Is.True);
        var messageIds = new List<string>();
        foreach (var id in accepted)
        {
            var delivery = (await first.Notifications.GetJson($"/api/v1/notifications/{id}/delivery")).Body;
            Assert.That((int)delivery["attempts"]!, Is.EqualTo(1), $"notification {id} handed over once");
            messageIds.Add((string)delivery["message_id"]!);
        }
        Assert.That(smtp.Received.Select(e => e.Message.MessageId), Is.EquivalentTo(messageIds), "each once");
    }

    [Test]
    public async Task Given_an_email_one_replica_owes_Then_the_next_email_of_that_order_on_the_other_replica_waits_behind_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // both replicas' workers poll only when the test moves it
        var failing = false;
        var accepted = new ConcurrentQueue<(int Order, string Template)>();
        await using var notifications = new StubServer(async context =>
        {
            if (Volatile.Read(ref failing))
            {
                context.Response.StatusCode = 503;
                return;
            }
            var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!;
            var batch = context.Request.Path.Value!.EndsWith("/batch", StringComparison.Ordinal);
            var emails = batch ? body["notifications"]!.AsArray().ToList() : [body];
            foreach (var email in emails) accepted.Enqueue(((int)email!["order_id"]!, (string)email["template_name"]!));
            context.Response.StatusCode = batch ? 200 : 201;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"created":{{emails.Count}},"failed":0,"results":[]}""");
        }, readBody: false);
        var store = ThrowawayDirectory.New();
        var settings = Replica(store, null);
        settings["Services:Notifications:BaseUrl"] = notifications.BaseUrl;
        await using var first = await EcommerceApp.StartAsync(settings, clock);
        await using var second = await EcommerceApp.StartAsync(settings, clock);
        // The second replica has sent an order's email before: whatever it would remember, it has seen its outbox.
        await new Orders.OrderScenario(second).Create();

        Volatile.Write(ref failing, true);
        var id = (int)(await new Orders.OrderScenario(first).Create())["id"]!;
        Volatile.Write(ref failing, false);
        var (ship, _) = await second.Orders.PutJson($"/api/v1/orders/{id}/status", new { status = "shipped" });
        Assert.That(ship.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(accepted.Where(e => e.Order == id), Is.Empty, "the shipping email waits behind the confirmation the first replica owes");

        clock.Advance(TimeSpan.FromSeconds(5)); // the confirmation's retry is due
        // A second more at each look: a worker's round that was under way at the jump waits for the clock again.
        Assert.That(await Eventually.TrueAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(accepted.Count(e => e.Order == id) >= 2);
        }, TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(accepted.Where(e => e.Order == id).Select(e => e.Template), Is.EqualTo(new[] { "ORDER_CONFIRMATION", "ORDER_SHIPPED" }));
    }

    private static object Sms() => new
    {
        order_id = 1, to_phone = "+819012345678", template_name = "ORDER_SHIPPED",
        template_data = new { customer_name = "田中太郎", tracking_number = "1234-5678" },
    };
}

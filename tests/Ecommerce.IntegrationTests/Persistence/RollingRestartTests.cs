using System.Collections.Concurrent;
using Ecommerce.IntegrationTests.Orders;

namespace Ecommerce.IntegrationTests.Persistence;

/// <summary>
/// Two replicas on one PostgreSQL and one Redis, restarted one after the other with SIGTERM while clients create orders
/// against both. A client whose request was refused (503 "shutting down", a closed port, a connection closed unanswered)
/// sends it to the other replica, as a load balancer would: every order ends paid with one payment and one confirmation,
/// none is answered pending, no 5xx, each replica exits 0, and there are exactly as many orders as 201 answers.
/// </summary>
[TestFixture]
public sealed class RollingRestartTests
{
    [SetUp]
    public Task RequirePostgres() => TestStore.RequireProviderAsync(TestStore.Postgres);

    [Test]
    public async Task Given_two_replicas_under_load_When_each_is_restarted_in_turn_Then_no_order_fails()
    {
        await using var redis = await RedisServer.StartAsync();
        var store = ThrowawayDirectory.New();
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = TestStore.Postgres,
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Notifications:RateLimitPerSecond"] = "100000",
            ["Orders:ChainRecoveryAfterSeconds"] = "3600",
            ["Shutdown:DrainDelaySeconds"] = "0",
        };
        var replicas = new HostProcess[] { await TestStore.StartProcessAsync(store, settings), await TestStore.StartProcessAsync(store, settings) };
        var answers = new ConcurrentQueue<string>();
        var created = 0;
        using var stop = new CancellationTokenSource();
        try
        {
            var clients = Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
            {
                for (var next = client % 2; !stop.IsCancellationRequested;)
                {
                    using var orders = Volatile.Read(ref replicas[next]).Client("Orders");
                    var answer = await GracefulShutdownTests.CreateAsync(orders);
                    answers.Enqueue(answer);
                    if (answer == "201 paid") Interlocked.Increment(ref created);
                    else next = 1 - next; // refused before anything was done: the other replica takes it
                }
            })).ToList();

            for (var i = 0; i < replicas.Length; i++)
            {
                var before = Volatile.Read(ref created);
                Assert.That(await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref created) >= before + 40), TimeSpan.FromSeconds(60)), Is.True);
                await replicas[i].TerminateAsync();
                Assert.That(replicas[i].ExitCode, Is.EqualTo(0), $"replica {i} drained and exited 0");
                await replicas[i].DisposeAsync();
                Volatile.Write(ref replicas[i], await TestStore.StartProcessAsync(store, settings));
            }
            var after = Volatile.Read(ref created);
            Assert.That(await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref created) >= after + 40), TimeSpan.FromSeconds(60)), Is.True);
            await stop.CancelAsync();
            await Task.WhenAll(clients);

            var tally = answers.GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
            TestContext.Out.WriteLine(string.Join(", ", tally.Select(t => $"{t.Value} × {t.Key}")));
            Assert.That(tally.Keys.Except(["201 paid", "503 Service is shutting down", "refused", "closed unanswered"]), Is.Empty);
            Assert.That(await CrashRecoveryTests.ProblemAsync(replicas[0]), Is.Null);
            using var orders = replicas[1].Client("Orders");
            Assert.That((await CrashRecoveryTests.AllAsync(orders, "/api/v1/orders/?")).Count, Is.EqualTo(created), "an order for every 201, none twice");
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var replica in replicas) await replica.DisposeAsync();
        }
    }
}

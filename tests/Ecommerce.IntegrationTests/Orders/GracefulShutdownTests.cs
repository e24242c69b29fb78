using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Ecommerce.IntegrationTests.Orders;

/// <summary>
/// SIGTERM under load, as every container platform sends on a deploy, from 16 clients that keep sending with no load
/// balancer in front: each request the host took gets its final answer (201 with the order paid, or 503 "Service is
/// shutting down" before anything was done), none is answered pending, the process exits 0, and after a restart — before
/// recovery could finish anything — every order is paid with one payment and one confirmation. A request that reaches a
/// port in the instant it closes may lose its connection without an answer (every HTTP server's race; a load balancer
/// that honours the readiness probe keeps it away): the host had not read it, so it did nothing — there are exactly as
/// many orders as 201 answers, and a client may safely send it again.
/// </summary>
[TestFixture]
public sealed class GracefulShutdownTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Notifications:RateLimitPerSecond"] = "100000",
        // Recovery must not be what finishes the chains: it would only look at them after an hour.
        ["Orders:ChainRecoveryAfterSeconds"] = "3600",
        ["HostOptions:ShutdownTimeout"] = "00:00:30",
        // The delay's own pause is for a load balancer; the order of closing is what this test is about.
        ["Shutdown:DrainDelaySeconds"] = "0",
    };

    [Test]
    public async Task Given_clients_creating_orders_When_SIGTERM_Then_every_accepted_order_is_answered_paid_and_the_host_exits_0()
    {
        var directory = ThrowawayDirectory.New();
        var answers = new ConcurrentQueue<string>();
        var created = 0;
        string output;
        await using (var host = await TestStore.StartProcessAsync(directory, Settings))
        {
            var clients = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                using var orders = host.Client("Orders");
                while (true)
                {
                    var answer = await CreateAsync(orders);
                    answers.Enqueue(answer);
                    if (answer == "201 paid") Interlocked.Increment(ref created);
                    if (answer is not ("201 paid" or "503 Service is shutting down")) return; // the port is closed (or broke the request)
                }
            })).ToList();
            Assert.That(await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref created) >= 60), TimeSpan.FromSeconds(60)), Is.True);
            await host.TerminateAsync();
            await Task.WhenAll(clients);
            Assert.That(host.ExitCode, Is.EqualTo(0), "a clean drain exits 0");
            output = host.Output;
        }

        var tally = answers.GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        TestContext.Out.WriteLine(string.Join(", ", tally.Select(t => $"{t.Value} × {t.Key}")));
        Assert.That(tally.Keys.Except(["201 paid", "503 Service is shutting down", "refused", "closed unanswered"]), Is.Empty,
            "answers other than paid, refused before anything was done, or a closed port\n" + Tail(output));

        await using var restarted = await TestStore.StartProcessAsync(directory, Settings);
        Assert.That(await CrashRecoveryTests.ProblemAsync(restarted), Is.Null);
        using var orders = restarted.Client("Orders");
        Assert.That((await CrashRecoveryTests.AllAsync(orders, "/api/v1/orders/?")).Count, Is.EqualTo(created),
            "an order for every 201 and none for a request refused or closed unanswered");
    }

    internal static async Task<string> CreateAsync(HttpClient orders)
    {
        try
        {
            using var response = await orders.PostAsync("/api/v1/orders/", Http.Json(Requests.Order()));
            var body = await response.Content.ReadAsStringAsync();
            return response.StatusCode switch
            {
                HttpStatusCode.Created => body.Contains("\"status\":\"paid\"") ? "201 paid" : $"201 {body}",
                HttpStatusCode.ServiceUnavailable when body.Contains("Service is shutting down") => "503 Service is shutting down",
                _ => $"{(int)response.StatusCode} {body}",
            };
        }
        catch (HttpRequestException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return "refused";
        }
        catch (HttpRequestException)
        {
            // Ended or reset before any answer: whether the host had read the request, the order count says.
            return "closed unanswered";
        }
        catch (TaskCanceledException)
        {
            return "timeout";
        }
    }

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(20));
}

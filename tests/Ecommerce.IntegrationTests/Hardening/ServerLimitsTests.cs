using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ecommerce.IntegrationTests.Hardening;

/// <summary>The limits are configuration: a slow sender and a slow chain, each cut off at the configured time.</summary>
[TestFixture]
public sealed class ServerLimitsTests
{
    [Test]
    public async Task Given_a_client_that_stops_sending_its_body_Then_the_request_is_ended_and_the_port_keeps_serving()
    {
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Limits:MinBodyBytesPerSecond"] = "100", ["Limits:BodyRateGraceSeconds"] = "2",
        });
        using var socket = await StartOrderPostAsync(app.OrdersPort, contentLength: 100_000);

        // Kestrel answers 408 (or just closes) once the body rate has stayed under the minimum past the grace period.
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        var answer = Encoding.ASCII.GetString(buffer, 0, read);
        Assert.That(read == 0 || answer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), Is.True, answer);
        Assert.That((await app.Orders.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Given_a_body_trickling_in_just_above_the_minimum_rate_Then_the_request_timeout_answers_504_with_a_detail()
    {
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Limits:RequestTimeoutSeconds"] = "1", ["Limits:MinBodyBytesPerSecond"] = "1",
        });
        using var socket = await StartOrderPostAsync(app.OrdersPort, contentLength: 1000);

        // One byte at a time, faster than the minimum rate, until the server answers.
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var receive = socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).AsTask();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!receive.IsCompleted && await tick.WaitForNextTickAsync(timeout.Token))
        {
            try
            {
                await socket.SendAsync("\n"u8.ToArray());
            }
            catch (SocketException)
            {
                break;   // the server answered and closed the connection between two looks: its answer is read below
            }
        }
        var answer = Encoding.UTF8.GetString(buffer, 0, await receive);
        Assert.That(answer, Does.StartWith("HTTP/1.1 504"));
        Assert.That(answer, Does.EndWith("""{"detail":"The request was not answered within 1 s and was stopped"}"""));
    }

    /// <summary>A raw connection that sent the headers of an order and the first byte of its body, and then waits.</summary>
    private static async Task<Socket> StartOrderPostAsync(int port, int contentLength)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            $"POST /api/v1/orders/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {contentLength}\r\n\r\n{{"));
        return socket;
    }

    [TestCase("Limits:RequestTimeoutSeconds", "0", "Limits:RequestTimeoutSeconds must be a whole number greater than 0, not 0.")]
    [TestCase("Limits:RequestTimeoutSeconds", "-5", "Limits:RequestTimeoutSeconds must be a whole number greater than 0, not -5.")]
    [TestCase("Limits:BodyRateGraceSeconds", "1", "Limits:BodyRateGraceSeconds must be at least 2")]
    [TestCase("Limits:MaxRequestHeaderCount", "lots", "'Limits:MaxRequestHeaderCount'")]
    public void Given_a_limit_that_is_not_a_positive_number_Then_start_up_stops_naming_it(string key, string value, string message)
    {
        var error = Assert.CatchAsync(() => EcommerceApp.StartAsync(new Dictionary<string, string?> { [key] = value }));
        Assert.That(error!.ToString(), Does.Contain(message));
    }
}

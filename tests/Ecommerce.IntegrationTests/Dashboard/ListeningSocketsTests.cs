using System.Globalization;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>Where each port really listens, read from the kernel's socket tables (/proc/net/tcp, tcp6).</summary>
[TestFixture]
public sealed class ListeningSocketsTests
{
    [Test]
    public async Task Given_no_admin_password_Then_the_dashboard_listens_on_loopback_only_and_the_apis_on_every_interface()
    {
        await using var app = await EcommerceApp.StartAsync();
        Assert.That(ListeningAddresses(app.DashboardPort), Is.Not.Empty.And.All.AnyOf("127.0.0.1", "::1"));
        Assert.That(ListeningAddresses(app.OrdersPort), Has.Some.AnyOf("0.0.0.0", "::"));
        Assert.That(ListeningAddresses(app.PaymentsPort), Has.Some.AnyOf("0.0.0.0", "::"));
    }

    [TestCase("Dashboard:AdminPassword", "s3cret")]
    [TestCase("Dashboard:AllowAnonymous", "true")]
    public async Task Given_a_password_or_the_explicit_opt_out_Then_the_dashboard_listens_on_every_interface(string key, string value)
    {
        await using var app = await EcommerceApp.StartAsync(new Dictionary<string, string?> { [key] = value });
        Assert.That(ListeningAddresses(app.DashboardPort), Has.Some.AnyOf("0.0.0.0", "::"));
    }

    /// <summary>The local addresses of the sockets in state LISTEN (0A) on a port.</summary>
    private static List<string> ListeningAddresses(int port)
    {
        var addresses = new List<string>();
        foreach (var (file, v6) in new[] { ("/proc/net/tcp", false), ("/proc/net/tcp6", true) })
        {
            if (!File.Exists(file)) continue;
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                if (fields[3] != "0A" || int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != port) continue;
                addresses.Add(Address(local[0], v6));
            }
        }
        return addresses;
    }

    private static string Address(string hex, bool v6)
    {
        // The kernel prints each 32-bit word in host (little-endian) order.
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4) Array.Reverse(bytes, word, 4);
        return new System.Net.IPAddress(bytes).ToString();
    }
}

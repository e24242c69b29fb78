using System.Net.Sockets;

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>Whether a Docker engine answers (DOCKER_HOST, else the default Unix socket): decides run or skip, never pass.</summary>
public static class DockerEngine
{
    public static async Task<bool> IsAvailableAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unix:///var/run/docker.sock";
        try
        {
            using var http = host.StartsWith("unix://", StringComparison.Ordinal)
                ? new HttpClient(new SocketsHttpHandler
                {
                    ConnectCallback = async (_, ct) =>
                    {
                        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(host["unix://".Length..]), ct);
                        return new NetworkStream(socket, ownsSocket: true);
                    },
                }) { BaseAddress = new Uri("http://docker") }
                : new HttpClient { BaseAddress = new Uri(host.Replace("tcp://", "http://", StringComparison.Ordinal)) };
            http.Timeout = TimeSpan.FromSeconds(3);
            return (await http.GetAsync("/_ping")).IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or SocketException or TaskCanceledException or IOException)
        {
            return false;
        }
    }
}

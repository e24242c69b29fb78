using System.Net;
using System.Net.Sockets;

namespace Ecommerce.Testing;

/// <summary>
/// Ports for what must know its port before it starts (a host in its own process, a database server, a URL where
/// nothing listens). Each is free when handed out and handed out once per process, and lies below Linux's ephemeral
/// range (32768–60999): a port from that range, freed again, can be taken by any outgoing connection before its server
/// binds it (seen as "address already in use" on a busy run).
/// </summary>
public static class FreePorts
{
    private const int FirstPort = 20000;
    private const int EphemeralStart = 32768;
    private static int _lastPort = Random.Shared.Next(0, EphemeralStart - FirstPort);

    public static int Next()
    {
        while (true)
        {
            var port = FirstPort + Interlocked.Increment(ref _lastPort) % (EphemeralStart - FirstPort);
            try
            {
                using var listener = new TcpListener(Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any, port);
                if (Socket.OSSupportsIPv6) listener.Server.DualMode = true;   // as Kestrel binds: [::], IPv4 too
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // in use: the next one
            }
        }
    }
}

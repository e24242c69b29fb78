using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>
/// A port that takes every connection and never answers, as a hung server or a proxy in front of a dead one does; it
/// counts the connections made to it. Closed, with them, when disposed.
/// </summary>
public sealed class SilentServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<TcpClient> _connections = new();

    public SilentServer()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => _connections.Count;

    private async Task AcceptAsync()
    {
        try
        {
            while (true) _connections.Enqueue(await _listener.AcceptTcpClientAsync());
        }
        catch (Exception exception) when (exception is ObjectDisposedException or SocketException)
        {
            // Disposed.
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        foreach (var connection in _connections) connection.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;

namespace EventOrch.NodeAgent.Pods;

/// <summary>Picks host ports for container ports that ask for none, from a range, skipping ports this agent
/// already handed out and (on a real node) ports something else holds on the node address.</summary>
public sealed class PortAllocator(int from, int to, bool checkHost)
{
    private readonly Lock _lock = new();
    private readonly HashSet<int> _taken = [];
    private int _next = from + Random.Shared.Next(Math.Max(1, to - from));

    /// <summary>Marks ports as in use (ports of adopted sandboxes, after a restart).</summary>
    public void Reserve(IEnumerable<int> ports)
    {
        lock (_lock) foreach (var port in ports) _taken.Add(port);
    }

    public void Release(IEnumerable<int> ports)
    {
        lock (_lock) foreach (var port in ports) _taken.Remove(port);
    }

    public int Allocate(string address)
    {
        lock (_lock)
        {
            for (var tries = 0; tries <= to - from; tries++)
            {
                var port = _next;
                _next = _next >= to ? from : _next + 1;
                if (_taken.Contains(port) || (checkHost && !IsFree(address, port))) continue;
                _taken.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException($"no free host port left in {from}-{to}");
    }

    private static bool IsFree(string address, int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Parse(address), port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

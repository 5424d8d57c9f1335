using System.Net;
using System.Net.Sockets;

namespace EventOrch.Api.Webhooks.Destinations;

/// <summary>The delivery client's <see cref="SocketsHttpHandler.ConnectCallback"/>: it resolves the host itself, drops every
/// address the <see cref="DestinationPolicy"/> refuses and connects only to the others, so what is checked is exactly
/// what is connected to (a DNS answer that changes between a check and the connect cannot slip a private address in).
/// When nothing is left it throws <see cref="DestinationRefusedException"/> before any socket is opened.</summary>
public sealed class GuardedConnector(DestinationPolicy policy)
{
    /// <summary>Resolves <paramref name="host"/> (an IP literal resolves to itself) and splits its addresses into those the
    /// policy allows and those it refuses.</summary>
    public async Task<(IReadOnlyList<IPAddress> Allowed, IReadOnlyList<(IPAddress, AddressClass)> Refused)> ResolveAsync(string host,
        CancellationToken cancellationToken)
    {
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        var addresses = IPAddress.TryParse(literal, out var parsed) ? [parsed] : await Dns.GetHostAddressesAsync(literal, cancellationToken);
        var allowed = new List<IPAddress>();
        var refused = new List<(IPAddress, AddressClass)>();
        foreach (var address in addresses)
        {
            if (policy.Refusal(address) is { } @class) refused.Add((address, @class));
            else allowed.Add(address);
        }
        return (allowed, refused);
    }

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var (allowed, refused) = await ResolveAsync(host, cancellationToken);
        if (allowed.Count == 0) throw new DestinationRefusedException(host, refused);

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                if (ex is OperationCanceledException) throw;
                last = ex;
            }
        }
        throw last!;
    }
}

using System.Net;
using System.Net.Sockets;

namespace EventOrch.Api.Webhooks.Destinations;

/// <summary>What kind of address a destination resolved to. Every class but <see cref="Public"/> is refused unless an
/// allowed network (Webhooks:AllowedNetworks) contains the address.</summary>
public enum AddressClass
{
    Public,
    Loopback,
    /// <summary>0.0.0.0/8 and ::, which reach the local host on many systems.</summary>
    Unspecified,
    /// <summary>RFC 1918: 10/8, 172.16/12, 192.168/16.</summary>
    Private,
    /// <summary>RFC 6598 shared address space (carrier-grade NAT): 100.64/10.</summary>
    SharedAddressSpace,
    /// <summary>169.254/16 and fe80::/10.</summary>
    LinkLocal,
    /// <summary>fc00::/7 (and the deprecated site-local fec0::/10).</summary>
    UniqueLocal,
    /// <summary>Cloud instance metadata services: 169.254.169.254, fd00:ec2::254, 100.100.100.200.</summary>
    Metadata,
    Multicast,
    /// <summary>IETF protocol assignments, benchmarking, documentation, reserved and broadcast ranges.</summary>
    Reserved,
}

/// <summary>Classifies addresses as SSRF defences must: IPv4-mapped and NAT64 IPv6 addresses are judged by the IPv4
/// address they carry, so ::ffff:10.0.0.1 is as private as 10.0.0.1.</summary>
public static class AddressClassifier
{
    private static readonly IPAddress[] MetadataAddresses =
        [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200")];

    private static readonly (IPNetwork Network, AddressClass Class)[] Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), AddressClass.Unspecified),
        (IPNetwork.Parse("10.0.0.0/8"), AddressClass.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressClass.SharedAddressSpace),
        (IPNetwork.Parse("127.0.0.0/8"), AddressClass.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressClass.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), AddressClass.Private),
        (IPNetwork.Parse("192.0.0.0/24"), AddressClass.Reserved),
        (IPNetwork.Parse("192.0.2.0/24"), AddressClass.Reserved),
        (IPNetwork.Parse("192.168.0.0/16"), AddressClass.Private),
        (IPNetwork.Parse("198.18.0.0/15"), AddressClass.Reserved),
        (IPNetwork.Parse("198.51.100.0/24"), AddressClass.Reserved),
        (IPNetwork.Parse("203.0.113.0/24"), AddressClass.Reserved),
        (IPNetwork.Parse("224.0.0.0/4"), AddressClass.Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressClass.Reserved),
        (IPNetwork.Parse("::/128"), AddressClass.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressClass.Loopback),
        (IPNetwork.Parse("100::/64"), AddressClass.Reserved),
        (IPNetwork.Parse("2001:db8::/32"), AddressClass.Reserved),
        (IPNetwork.Parse("fc00::/7"), AddressClass.UniqueLocal),
        (IPNetwork.Parse("fe80::/10"), AddressClass.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), AddressClass.UniqueLocal),
        (IPNetwork.Parse("ff00::/8"), AddressClass.Multicast),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    public static AddressClass Classify(IPAddress address)
    {
        address = Embedded(address);
        if (MetadataAddresses.Any(m => m.Equals(address))) return AddressClass.Metadata;
        foreach (var (network, @class) in Ranges)
            if (network.Contains(address)) return @class;
        return AddressClass.Public;
    }

    /// <summary>The IPv4 address an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d)
    /// IPv6 address carries; the address itself otherwise.</summary>
    public static IPAddress Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        var compatible = bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && bytes.AsSpan(12).IndexOfAnyExcept((byte)0) >= 0
            && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] == 1);
        if (compatible || Nat64.Contains(address)) return new IPAddress(bytes.AsSpan(12));
        return address;
    }
}

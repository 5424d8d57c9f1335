using System.Net;

namespace EventOrch.Api.Webhooks.Destinations;

/// <summary>Thrown by <see cref="GuardedConnector"/> when every address a host resolves to is refused: no connection was
/// opened, nothing was sent.</summary>
public sealed class DestinationRefusedException(string host, IReadOnlyList<(IPAddress Address, AddressClass Class)> refused)
    : Exception(Describe(host, refused))
{
    public string Host { get; } = host;

    /// <summary>The class of the first refused address: the reason the subscription's condition gives.</summary>
    public AddressClass Class { get; } = refused.Count > 0 ? refused[0].Class : AddressClass.Reserved;

    private static string Describe(string host, IReadOnlyList<(IPAddress Address, AddressClass Class)> refused) =>
        refused.Count == 0
            ? $"{host} resolves to no address"
            : $"destination {host} refused: " + string.Join(", ", refused.Select(r => $"{r.Address} is {Words(r.Class)}")) +
              " and not in Webhooks:AllowedNetworks";

    private static string Words(AddressClass @class) => @class switch
    {
        AddressClass.Loopback => "a loopback address",
        AddressClass.Unspecified => "an unspecified address",
        AddressClass.Private => "a private address",
        AddressClass.SharedAddressSpace => "a shared (carrier-grade NAT) address",
        AddressClass.LinkLocal => "a link-local address",
        AddressClass.UniqueLocal => "a unique-local address",
        AddressClass.Metadata => "a cloud metadata address",
        AddressClass.Multicast => "a multicast address",
        _ => "a reserved address",
    };
}

using System.Net;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Webhooks.Destinations;

/// <summary>Which addresses deliveries may connect to: public ones, and any other an allowed network contains.</summary>
public sealed class DestinationPolicy
{
    private readonly IReadOnlyList<IPNetwork> _allowed;

    public DestinationPolicy(IEnumerable<IPNetwork> allowed) => _allowed = [.. allowed];

    /// <summary>The policy of Webhooks:AllowedNetworks (validated at start).</summary>
    public static DestinationPolicy From(IOptions<WebhookOptions> options) =>
        new(options.Value.AllowedNetworks.Select(n => IPNetwork.Parse(n.Trim())));

    /// <summary>Null when <paramref name="address"/> may be reached; otherwise why not.</summary>
    public AddressClass? Refusal(IPAddress address)
    {
        var @class = AddressClassifier.Classify(address);
        if (@class == AddressClass.Public) return null;
        var embedded = AddressClassifier.Embedded(address);
        return _allowed.Any(n => n.Contains(address) || n.Contains(embedded)) ? null : @class;
    }
}

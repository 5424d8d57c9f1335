using System.Net;
using EventOrch.Api.Webhooks;
using EventOrch.Api.Webhooks.Destinations;
using Microsoft.Extensions.Options;

namespace EventOrch.Tests.Unit.Webhooks;

public sealed class DestinationPolicyTests
{
    private static DestinationPolicy Allowing(params string[] networks) => new(networks.Select(IPNetwork.Parse));

    [Fact]
    public void Without_allowed_networks_only_public_addresses_pass()
    {
        var policy = Allowing();
        Assert.Null(policy.Refusal(IPAddress.Parse("93.184.216.34")));
        Assert.Equal(AddressClass.Loopback, policy.Refusal(IPAddress.Loopback));
        Assert.Equal(AddressClass.Private, policy.Refusal(IPAddress.Parse("10.1.2.3")));
    }

    [Fact]
    public void An_allowed_network_lets_its_addresses_through_and_no_others()
    {
        var policy = Allowing("127.0.0.0/8", "10.1.0.0/16");
        Assert.Null(policy.Refusal(IPAddress.Parse("127.0.0.1")));
        Assert.Null(policy.Refusal(IPAddress.Parse("10.1.200.7")));
        Assert.Equal(AddressClass.Private, policy.Refusal(IPAddress.Parse("10.2.0.1")));
        Assert.Equal(AddressClass.Loopback, policy.Refusal(IPAddress.IPv6Loopback));
        // An IPv4-mapped address is allowed by the IPv4 network it falls in.
        Assert.Null(policy.Refusal(IPAddress.Parse("::ffff:127.0.0.1")));
    }

    [Fact]
    public void The_metadata_address_passes_only_when_an_allowed_network_holds_it()
    {
        Assert.Equal(AddressClass.Metadata, Allowing("169.254.0.0/24").Refusal(IPAddress.Parse("169.254.169.254")));
        Assert.Null(Allowing("169.254.169.254/32").Refusal(IPAddress.Parse("169.254.169.254")));
    }

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData(" ::1/128 ", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("localhost", false)]
    public void Allowed_networks_must_be_cidrs(string network, bool valid)
    {
        var result = new WebhookOptionsValidator().Validate(null, new WebhookOptions { AllowedNetworks = [network] });
        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.Contains("Webhooks:AllowedNetworks:0", result.FailureMessage);
    }

    [Fact]
    public async Task A_refused_literal_address_fails_the_request_before_any_connection_is_opened()
    {
        var connector = new GuardedConnector(Allowing("127.0.0.1/32"));
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = connector.ConnectAsync, UseProxy = false });

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://10.0.0.1:9/hook"));

        var refused = Assert.IsType<DestinationRefusedException>(failure.InnerException);
        Assert.Equal((AddressClass.Private, "10.0.0.1"), (refused.Class, refused.Host));
        Assert.Equal("destination 10.0.0.1 refused: 10.0.0.1 is a private address and not in Webhooks:AllowedNetworks", refused.Message);
    }

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_unless_loopback_is_allowed()
    {
        var (allowed, refused) = await new GuardedConnector(Allowing()).ResolveAsync("localhost", CancellationToken.None);
        Assert.Empty(allowed);
        Assert.All(refused, r => Assert.Equal(AddressClass.Loopback, r.Item2));
        (allowed, _) = await new GuardedConnector(DestinationPolicy.From(Options.Create(new WebhookOptions { AllowedNetworks = ["127.0.0.0/8", "::1/128"] })))
            .ResolveAsync("localhost", CancellationToken.None);
        Assert.NotEmpty(allowed);
    }
}

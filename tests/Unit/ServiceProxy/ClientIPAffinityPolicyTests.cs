using System.Net;
using EventOrch.ServiceProxy.Configuration;
using EventOrch.ServiceProxy.LoadBalancing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace EventOrch.Tests.Unit.ServiceProxy;

public sealed class ClientIPAffinityPolicyTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly ManualTime _time = new();
    private readonly ClientIPAffinityPolicy _policy;
    private readonly ClusterState _cluster = new("shop/web/80",
        new ClusterModel(new ClusterConfig
        {
            ClusterId = "shop/web/80",
            Metadata = new Dictionary<string, string>
            {
                [ProxyMetadata.InnerLoadBalancing] = LoadBalancingPolicies.RoundRobin,
                [ProxyMetadata.ClientIPTimeoutSeconds] = "60",
            },
        }, new HttpMessageInvoker(new SocketsHttpHandler())));
    private readonly DestinationState[] _destinations = [new("a"), new("b"), new("c")];

    public ClientIPAffinityPolicyTests()
    {
        var services = new ServiceCollection();
        services.AddReverseProxy();
        services.AddSingleton<ILoadBalancingPolicy>(sp => new ClientIPAffinityPolicy(sp, _time));
        _policy = services.BuildServiceProvider().GetServices<ILoadBalancingPolicy>().OfType<ClientIPAffinityPolicy>().Single();
    }

    private string? Pick(string client, IReadOnlyList<DestinationState>? available = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(client);
        return _policy.PickDestination(context, _cluster, available ?? _destinations)?.DestinationId;
    }

    [Fact]
    public void A_client_keeps_its_destination_while_others_are_spread_by_the_inner_policy()
    {
        var first = Pick("10.0.0.1");
        Assert.All(Enumerable.Range(0, 5), _ => Assert.Equal(first, Pick("10.0.0.1")));

        var others = new[] { Pick("10.0.0.2"), Pick("10.0.0.3") };
        Assert.Equal(3, others.Append(first).Distinct().Count());
    }

    [Fact]
    public void The_timeout_slides_with_each_request_and_then_the_client_is_placed_again()
    {
        var first = Pick("10.0.0.1");
        _time.Now += TimeSpan.FromSeconds(50);
        Assert.Equal(first, Pick("10.0.0.1"));
        _time.Now += TimeSpan.FromSeconds(50);
        Assert.Equal(first, Pick("10.0.0.1"));

        _time.Now += TimeSpan.FromSeconds(61);
        Pick("10.0.0.9"); // moves the round robin on, so a fresh placement lands elsewhere
        Assert.NotEqual(first, Pick("10.0.0.1"));
    }

    [Fact]
    public void A_client_whose_destination_is_gone_moves_to_another_and_stays_there()
    {
        var first = Pick("10.0.0.1")!;
        var rest = _destinations.Where(d => d.DestinationId != first).ToArray();

        var moved = Pick("10.0.0.1", rest);

        Assert.NotEqual(first, moved);
        Assert.Equal(moved, Pick("10.0.0.1"));
    }
}

using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>Lists with selectors and pages, over a namespace of their own.</summary>
public sealed class PodListTests(PodListTests.Fixture fixture) : IClassFixture<PodListTests.Fixture>
{
    public const string Namespace = "listing";

    public sealed class Fixture : ApiServer
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = Namespace } });
            foreach (var (name, app, tier) in new[] { ("a1", "web", "front"), ("a2", "web", "back"), ("b1", "db", "back"), ("c1", "cache", "") })
            {
                var labels = new Dictionary<string, string> { ["app"] = app };
                if (tier.Length > 0) labels["tier"] = tier;
                await Client.CreatePodAsync(ObjectClient.NewPod(name, labels), Namespace);
            }
            await Client.SendAsync<Pod>(HttpMethod.Put, $"{ObjectClient.PodsPath(Namespace)}/b1/status",
                ObjectClient.NewPod("b1") with { Status = new PodStatus { Phase = PodPhases.Running } });
        }
    }

    [Theory]
    [InlineData("app=web", "a1,a2")]
    [InlineData("app==web,tier=back", "a2")]
    [InlineData("app!=web", "b1,c1")]
    [InlineData("tier in (front,back)", "a1,a2,b1")]
    [InlineData("tier notin (back)", "a1,c1")]
    [InlineData("tier", "a1,a2,b1")]
    [InlineData("!tier", "c1")]
    public async Task A_label_selector_filters_the_list(string selector, string expected)
    {
        var list = await fixture.Client.ListPodsAsync(Namespace, $"?labelSelector={Uri.EscapeDataString(selector)}");

        Assert.Equal(expected, string.Join(",", list.Items.Select(p => p.Metadata.Name)));
    }

    [Theory]
    [InlineData("metadata.name=a2", "a2")]
    [InlineData("metadata.name=b1,status.phase=Running", "b1")]
    [InlineData("metadata.name=a1,status.phase=Running", "")]
    [InlineData("metadata.name=none", "")]
    [InlineData("status.phase=Running", "b1")]
    [InlineData("status.phase!=Running,metadata.name!=a1", "a2,c1")]
    [InlineData("spec.nodeName=", "a1,a2,b1,c1")]
    public async Task A_field_selector_filters_the_list(string selector, string expected)
    {
        var list = await fixture.Client.ListPodsAsync(Namespace, $"?fieldSelector={Uri.EscapeDataString(selector)}");

        Assert.Equal(expected, string.Join(",", list.Items.Select(p => p.Metadata.Name)));
    }

    [Fact]
    public async Task An_unsupported_field_selector_is_a_bad_request()
    {
        var (code, status, _) = await fixture.Client.SendAsync<Status>(HttpMethod.Get, ObjectClient.PodsPath(Namespace) + "?fieldSelector=spec.hostname%3Dx");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("field label not supported: spec.hostname", status!.Message);
    }

    [Fact]
    public async Task A_malformed_label_selector_is_a_bad_request()
    {
        var (code, status, _) = await fixture.Client.SendAsync<Status>(HttpMethod.Get, ObjectClient.PodsPath(Namespace) + "?labelSelector=app%20in%20(web");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("BadRequest", status!.Reason);
    }

    [Fact]
    public async Task Paging_with_limit_and_continue_returns_every_pod_once()
    {
        var names = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var query = "?limit=3" + (next is null ? "" : $"&continue={Uri.EscapeDataString(next)}");
            var page = await fixture.Client.ListPodsAsync(Namespace, query);
            Assert.True(page.Items.Count <= 3);
            names.AddRange(page.Items.Select(p => p.Metadata.Name!));
            next = page.Metadata.Continue;
            pages++;
        } while (next is not null);

        Assert.Equal(["a1", "a2", "b1", "c1"], names);
        Assert.Equal(2, pages);
    }

    [Fact]
    public async Task A_list_carries_the_kind_and_a_resource_version()
    {
        var list = await fixture.Client.ListPodsAsync(Namespace);

        Assert.Equal("PodList", list.Kind);
        Assert.Equal("v1", list.ApiVersion);
        Assert.True(long.Parse(list.Metadata.ResourceVersion!) >= list.Items.Max(p => long.Parse(p.Metadata.ResourceVersion!)));
    }

    [Fact]
    public async Task Listing_across_namespaces_includes_this_namespace()
    {
        var list = await fixture.Client.ListPodsAsync(null, "?labelSelector=app%3Dcache");

        Assert.Contains(list.Items, p => p.Metadata.Namespace == Namespace && p.Metadata.Name == "c1");
    }
}

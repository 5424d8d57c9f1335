using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Quota;

/// <summary>LimitRanger admission against the real Api: defaults filled in and noted in the annotation before quota
/// counts the pod, bounds refused with Kubernetes' messages, and LimitRange validation.</summary>
public sealed class LimitRangeApiTests(ApiServer api) : IClassFixture<ApiServer>
{
    private static string Ranges(string ns) => $"/api/v1/namespaces/{ns}/limitranges";

    private async Task<string> NamespaceAsync()
    {
        var ns = $"lr-{Guid.NewGuid():N}"[..12];
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        return ns;
    }

    private async Task<LimitRange> RangeAsync(string ns, LimitRangeItem item)
    {
        var (code, created, response) = await api.Client.SendAsync<LimitRange>(HttpMethod.Post, Ranges(ns),
            new LimitRange { Metadata = new ObjectMeta { Name = "limits" }, Spec = new LimitRangeSpec { Limits = [item] } });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return created!;
    }

    private static Pod PodWith(string name, Dictionary<string, string>? requests = null, Dictionary<string, string>? limits = null) =>
        ObjectClient.NewPod(name) with
        {
            Spec = ObjectClient.NewPod(name).Spec with
            {
                Containers = [new Container { Name = "web", Image = "eventorch/busybox:latest", Resources = new ResourceRequirements { Requests = requests, Limits = limits } }],
            },
        };

    [Fact]
    public async Task A_container_without_resources_gets_the_defaults_and_the_annotation_says_so()
    {
        var ns = await NamespaceAsync();
        var range = await RangeAsync(ns, new LimitRangeItem
        {
            Type = LimitTypes.Container,
            Default = new() { ["cpu"] = "500m", ["memory"] = "256Mi" },
            DefaultRequest = new() { ["cpu"] = "100m" },
        });
        // Kubernetes' defaults of the item: defaultRequest memory from default.
        Assert.Equal("256Mi", range.Spec.Limits[0].DefaultRequest!["memory"]);

        var pod = await api.Client.CreatePodAsync(PodWith("x"), ns);

        var resources = pod.Spec.Containers[0].Resources!;
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "256Mi" }, resources.Requests);
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "500m", ["memory"] = "256Mi" }, resources.Limits);
        Assert.Equal("LimitRanger plugin set: cpu, memory request for container web; cpu, memory limit for container web",
            pod.Metadata.Annotations!["kubernetes.io/limit-ranger"]);
        Assert.Equal("Burstable", pod.Status!.QosClass);
    }

    [Fact]
    public async Task Defaults_are_applied_before_quota_so_the_must_specify_rule_is_met()
    {
        var ns = await NamespaceAsync();
        await RangeAsync(ns, new LimitRangeItem { Type = LimitTypes.Container, Default = new() { ["cpu"] = "200m" } });
        var (created, _, response) = await api.Client.SendAsync<ResourceQuota>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/resourcequotas",
            new ResourceQuota { Metadata = new ObjectMeta { Name = "compute" }, Spec = new ResourceQuotaSpec { Hard = new() { ["limits.cpu"] = "1" } } });
        Assert.True(created == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        await api.Client.CreatePodAsync(PodWith("x"), ns);

        var (_, quota, _) = await api.Client.SendAsync<ResourceQuota>(HttpMethod.Get, $"/api/v1/namespaces/{ns}/resourcequotas/compute");
        Assert.Equal("200m", quota!.Status!.Used!["limits.cpu"]);
    }

    [Fact]
    public async Task A_pod_above_the_maximum_is_forbidden_with_the_limit_ranger_message()
    {
        var ns = await NamespaceAsync();
        await RangeAsync(ns, new LimitRangeItem { Type = LimitTypes.Container, Max = new() { ["cpu"] = "500m" } });
        var events = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath(ns), PodWith("x", limits: new() { ["cpu"] = "1" }));

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal(StatusReasons.Forbidden, status!.Reason);
        Assert.Equal("pods \"x\" is forbidden: maximum cpu usage per Container is 500m, but limit is 1", status.Message);
        Assert.Equal(events, await api.EventCountAsync());
    }

    [Fact]
    public async Task Several_broken_bounds_are_listed_together()
    {
        var ns = await NamespaceAsync();
        await RangeAsync(ns, new LimitRangeItem
        {
            Type = LimitTypes.Container,
            Min = new() { ["memory"] = "64Mi" },
            MaxLimitRequestRatio = new() { ["cpu"] = "2" },
        });

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath(ns),
            PodWith("x", requests: new() { ["cpu"] = "100m", ["memory"] = "32Mi" }, limits: new() { ["cpu"] = "1", ["memory"] = "64Mi" }));

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("pods \"x\" is forbidden: [minimum memory usage per Container is 64Mi, but request is 32Mi, " +
            "cpu max limit to request ratio per Container is 2, but provided ratio is 10.000000]", status!.Message);
    }

    [Fact]
    public async Task A_limit_range_whose_default_request_exceeds_its_maximum_or_of_an_unserved_type_is_invalid()
    {
        var ns = await NamespaceAsync();
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, Ranges(ns), new LimitRange
        {
            Metadata = new ObjectMeta { Name = "bad" },
            Spec = new LimitRangeSpec
            {
                Limits =
                [
                    new LimitRangeItem { Type = LimitTypes.Container, Max = new() { ["cpu"] = "1" }, DefaultRequest = new() { ["cpu"] = "2" } },
                    new LimitRangeItem { Type = LimitTypes.PersistentVolumeClaim, Max = new() { ["storage"] = "1Gi" } },
                ],
            },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("spec.limits[0].defaultRequest[cpu]: Invalid value: \"2\": default request value 2 is greater than max value 1", status!.Message);
        Assert.Contains("spec.limits[1].type: Unsupported value: \"PersistentVolumeClaim\": supported values: \"Container\", \"Pod\"", status.Message);
    }
}

using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Quota;

/// <summary>ResourceQuota admission against the real Api and store: refusals with Kubernetes' messages that store
/// nothing, charges in the write's transaction (so concurrent creates never overshoot), dry runs, services' node ports
/// and object counts of other groups.</summary>
public sealed class ResourceQuotaApiTests(ApiServer api) : IClassFixture<ApiServer>
{
    private static string Quotas(string ns) => $"/api/v1/namespaces/{ns}/resourcequotas";

    private async Task<string> NamespaceAsync()
    {
        var ns = $"rq-{Guid.NewGuid():N}"[..12];
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        return ns;
    }

    private async Task<ResourceQuota> QuotaAsync(string ns, string name, Dictionary<string, string> hard)
    {
        var (code, created, response) = await api.Client.SendAsync<ResourceQuota>(HttpMethod.Post, Quotas(ns),
            new ResourceQuota { Metadata = new ObjectMeta { Name = name }, Spec = new ResourceQuotaSpec { Hard = hard } });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return created!;
    }

    private async Task<ResourceQuota> ReadQuotaAsync(string ns, string name) =>
        (await api.Client.SendAsync<ResourceQuota>(HttpMethod.Get, $"{Quotas(ns)}/{name}")).Body!;

    private static Pod PodWith(string name, Dictionary<string, string>? requests = null, Dictionary<string, string>? limits = null) =>
        ObjectClient.NewPod(name) with
        {
            Spec = ObjectClient.NewPod(name).Spec with
            {
                Containers = [new Container { Name = "web", Image = "eventorch/busybox:latest", Resources = new ResourceRequirements { Requests = requests, Limits = limits } }],
            },
        };

    [Fact]
    public async Task A_new_quota_counts_what_the_namespace_already_holds()
    {
        var ns = await NamespaceAsync();
        await api.Client.CreatePodAsync(ObjectClient.NewPod("before"), ns);

        var quota = await QuotaAsync(ns, "objects", new() { ["pods"] = "10", ["configmaps"] = "5" });

        Assert.Equal(new Dictionary<string, string> { ["pods"] = "10", ["configmaps"] = "5" }, quota.Status!.Hard);
        Assert.Equal(new Dictionary<string, string> { ["pods"] = "1", ["configmaps"] = "0" }, quota.Status.Used);
    }

    [Fact]
    public async Task A_pod_beyond_a_pods_quota_is_forbidden_with_the_quota_message_and_nothing_is_stored()
    {
        var ns = await NamespaceAsync();
        await QuotaAsync(ns, "compute", new() { ["pods"] = "2" });
        await api.Client.CreatePodAsync(ObjectClient.NewPod("web-1"), ns);
        await api.Client.CreatePodAsync(ObjectClient.NewPod("web-2"), ns);
        var events = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath(ns), ObjectClient.NewPod("web-3"));

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal(StatusReasons.Forbidden, status!.Reason);
        Assert.Equal("pods \"web-3\" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2", status.Message);
        Assert.Equal(2, (await api.Client.ListPodsAsync(ns)).Items.Count);
        Assert.Equal(events, await api.EventCountAsync());
        Assert.Equal("2", (await ReadQuotaAsync(ns, "compute")).Status!.Used!["pods"]);
    }

    [Fact]
    public async Task A_cpu_limit_quota_names_only_the_exceeded_resources_in_its_message()
    {
        var ns = await NamespaceAsync();
        await QuotaAsync(ns, "compute", new() { ["pods"] = "10", ["limits.cpu"] = "1" });
        await api.Client.CreatePodAsync(PodWith("web-1", limits: new() { ["cpu"] = "600m" }), ns);

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath(ns),
            PodWith("web-2", limits: new() { ["cpu"] = "500m" }));

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("pods \"web-2\" is forbidden: exceeded quota: compute, requested: limits.cpu=500m, used: limits.cpu=600m, limited: limits.cpu=1",
            status!.Message);
        var used = (await ReadQuotaAsync(ns, "compute")).Status!.Used!;
        Assert.Equal("600m", used["limits.cpu"]);
        Assert.Equal("1", used["pods"]);
    }

    [Fact]
    public async Task A_pod_without_the_requests_and_limits_a_quota_constrains_must_specify_them()
    {
        var ns = await NamespaceAsync();
        await QuotaAsync(ns, "compute", new() { ["limits.cpu"] = "2", ["requests.memory"] = "1Gi" });

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath(ns), PodWith("x"));

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("pods \"x\" is forbidden: failed quota: compute: must specify limits.cpu for: web; requests.memory for: web", status!.Message);
    }

    [Fact]
    public async Task A_generated_name_is_refused_under_its_prefix()
    {
        var ns = await NamespaceAsync();
        await QuotaAsync(ns, "none", new() { ["pods"] = "0" });
        var pod = ObjectClient.NewPod("") with { Metadata = new ObjectMeta { GenerateName = "web-" } };

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath(ns), pod);

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.StartsWith("pods \"web-\" is forbidden: exceeded quota: none, requested: pods=1, used: pods=0, limited: pods=0", status!.Message);
    }

    [Fact]
    public async Task Concurrent_creates_against_a_quota_of_three_end_with_exactly_three()
    {
        var ns = await NamespaceAsync();
        await QuotaAsync(ns, "pods", new() { ["pods"] = "3" });

        var codes = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
            (await api.Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Post, ObjectClient.PodsPath(ns), ObjectClient.NewPod($"p-{i}"))).Code));

        Assert.Equal(3, codes.Count(c => c == HttpStatusCode.Created));
        Assert.Equal(7, codes.Count(c => c == HttpStatusCode.Forbidden));
        Assert.Equal(3, (await api.Client.ListPodsAsync(ns)).Items.Count);
        Assert.Equal("3", (await ReadQuotaAsync(ns, "pods")).Status!.Used!["pods"]);
    }

    [Fact]
    public async Task Two_api_instances_creating_at_once_never_overshoot_a_quota()
    {
        var ns = await NamespaceAsync();
        await QuotaAsync(ns, "pods", new() { ["pods"] = "4" });
        var second = await api.StartHostAsync(new Dictionary<string, string?>());
        try
        {
            using var other = new HttpClient { BaseAddress = new Uri(second.Urls.First()) };
            other.DefaultRequestHeaders.Authorization = api.Client.DefaultRequestHeaders.Authorization;

            var codes = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
                (await (i % 2 == 0 ? api.Client : other).SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Post, ObjectClient.PodsPath(ns),
                    ObjectClient.NewPod($"p-{i}"))).Code));

            Assert.Equal(4, codes.Count(c => c == HttpStatusCode.Created));
            Assert.Equal(8, codes.Count(c => c == HttpStatusCode.Forbidden));
            Assert.Equal(4, (await api.Client.ListPodsAsync(ns)).Items.Count);
            Assert.Equal("4", (await ReadQuotaAsync(ns, "pods")).Status!.Used!["pods"]);
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_dry_run_is_checked_but_charges_nothing()
    {
        var ns = await NamespaceAsync();
        await QuotaAsync(ns, "pods", new() { ["pods"] = "1" });

        var (code, _, _) = await api.Client.SendAsync<Pod>(HttpMethod.Post, ObjectClient.PodsPath(ns) + "?dryRun=All", ObjectClient.NewPod("a"));
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("0", (await ReadQuotaAsync(ns, "pods")).Status!.Used!["pods"]);

        await api.Client.CreatePodAsync(ObjectClient.NewPod("b"), ns);
        var (refused, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath(ns) + "?dryRun=All", ObjectClient.NewPod("c"));
        Assert.Equal(HttpStatusCode.Forbidden, refused);
    }

    [Fact]
    public async Task Node_ports_are_counted_on_create_and_when_a_service_changes_type()
    {
        var ns = await NamespaceAsync();
        await QuotaAsync(ns, "ports", new() { ["services.nodeports"] = "2", ["services"] = "5" });
        Service NodePortService(string name, int ports, string type = ServiceTypes.NodePort) => new()
        {
            Metadata = new ObjectMeta { Name = name },
            Spec = new ServiceSpec { Type = type, Ports = Enumerable.Range(0, ports).Select(i => new ServicePort { Name = $"p{i}", Port = 80 + i }).ToList() },
        };
        var services = $"/api/v1/namespaces/{ns}/services";
        var (created, _, response) = await api.Client.SendAsync<Service>(HttpMethod.Post, services, NodePortService("two", 2));
        Assert.True(created == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var (clusterIp, _, _) = await api.Client.SendAsync<Service>(HttpMethod.Post, services, NodePortService("plain", 1, ServiceTypes.ClusterIP));
        Assert.Equal(HttpStatusCode.Created, clusterIp);

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{services}/plain",
            new { spec = new { type = "NodePort" } }, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("services \"plain\" is forbidden: exceeded quota: ports, requested: services.nodeports=1, used: services.nodeports=2, limited: services.nodeports=2",
            status!.Message);
        var used = (await ReadQuotaAsync(ns, "ports")).Status!.Used!;
        Assert.Equal("2", used["services.nodeports"]);
        Assert.Equal("2", used["services"]);
    }

    [Fact]
    public async Task A_storage_class_quota_counts_only_that_class_claims()
    {
        var ns = await NamespaceAsync();
        PersistentVolumeClaim Claim(string name, string storageClass, string size) => new()
        {
            Metadata = new ObjectMeta { Name = name },
            Spec = new PersistentVolumeClaimSpec
            {
                AccessModes = [PersistentVolumes.ReadWriteOnce], StorageClassName = storageClass,
                Resources = new ResourceRequirements { Requests = new() { ["storage"] = size } },
            },
        };
        var path = $"/api/v1/namespaces/{ns}/persistentvolumeclaims";
        Assert.Equal(HttpStatusCode.Created, (await api.Client.SendAsync<PersistentVolumeClaim>(HttpMethod.Post, path, Claim("before", "gold", "1Gi"))).Code);
        var quota = await QuotaAsync(ns, "storage", new()
        {
            ["gold.storageclass.storage.k8s.io/requests.storage"] = "3Gi",
            ["gold.storageclass.storage.k8s.io/persistentvolumeclaims"] = "2",
        });
        Assert.Equal(new Dictionary<string, string>
        {
            ["gold.storageclass.storage.k8s.io/requests.storage"] = "1Gi",
            ["gold.storageclass.storage.k8s.io/persistentvolumeclaims"] = "1",
        }, quota.Status!.Used);

        // Another class is not charged; the class's storage and count are.
        Assert.Equal(HttpStatusCode.Created, (await api.Client.SendAsync<PersistentVolumeClaim>(HttpMethod.Post, path, Claim("silver", "silver", "50Gi"))).Code);
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, path, Claim("big", "gold", "5Gi"));
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("persistentvolumeclaims \"big\" is forbidden: exceeded quota: storage, requested: gold.storageclass.storage.k8s.io/requests.storage=5Gi, "
            + "used: gold.storageclass.storage.k8s.io/requests.storage=1Gi, limited: gold.storageclass.storage.k8s.io/requests.storage=3Gi", status!.Message);
        Assert.Equal(HttpStatusCode.Created, (await api.Client.SendAsync<PersistentVolumeClaim>(HttpMethod.Post, path, Claim("second", "gold", "2Gi"))).Code);
        (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, path, Claim("third", "gold", "1Mi"));
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.StartsWith("persistentvolumeclaims \"third\" is forbidden: exceeded quota: storage, requested: gold.storageclass.storage.k8s.io/persistentvolumeclaims=1,"
            + "gold.storageclass.storage.k8s.io/requests.storage=1Mi", status!.Message);
        Assert.Equal(new Dictionary<string, string>
        {
            ["gold.storageclass.storage.k8s.io/requests.storage"] = "3Gi",
            ["gold.storageclass.storage.k8s.io/persistentvolumeclaims"] = "2",
        }, (await ReadQuotaAsync(ns, "storage")).Status!.Used);
    }

    [Fact]
    public async Task A_count_quota_of_deployments_refuses_the_one_too_many_naming_its_group()
    {
        var ns = await NamespaceAsync();
        await QuotaAsync(ns, "objects", new() { ["count/deployments.apps"] = "1" });
        Deployment NewDeployment(string name) => new()
        {
            Metadata = new ObjectMeta { Name = name },
            Spec = new DeploymentSpec
            {
                Replicas = 0,
                Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = name } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = name } },
                    Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest" }] },
                },
            },
        };
        var path = $"/apis/apps/v1/namespaces/{ns}/deployments";
        Assert.Equal(HttpStatusCode.Created, (await api.Client.SendAsync<Deployment>(HttpMethod.Post, path, NewDeployment("one"))).Code);

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, path, NewDeployment("two"));

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("deployments.apps \"two\" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, " +
            "used: count/deployments.apps=1, limited: count/deployments.apps=1", status!.Message);
    }

    [Fact]
    public async Task A_quota_with_an_invalid_hard_list_or_scopes_is_refused_naming_the_field()
    {
        var ns = await NamespaceAsync();
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, Quotas(ns), new ResourceQuota
        {
            Metadata = new ObjectMeta { Name = "bad" },
            Spec = new ResourceQuotaSpec { Hard = new() { ["pods"] = "1.5", ["widgets"] = "1" }, Scopes = ["BestEffort"] },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("spec.hard[pods]: Invalid value: \"1500m\": must be an integer", status!.Message);
        Assert.Contains("spec.hard[widgets]: Invalid value: \"widgets\": must be a standard resource for quota", status.Message);
        Assert.Contains("spec.scopes: Forbidden: quota scopes are not supported", status.Message);
    }

    [Fact]
    public async Task Raising_the_hard_limit_lets_the_next_pod_in()
    {
        var ns = await NamespaceAsync();
        await QuotaAsync(ns, "pods", new() { ["pods"] = "1" });
        await api.Client.CreatePodAsync(ObjectClient.NewPod("a"), ns);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath(ns), ObjectClient.NewPod("b"))).Code);

        var (patched, quota, _) = await api.Client.SendAsync<ResourceQuota>(HttpMethod.Patch, $"{Quotas(ns)}/pods",
            new { spec = new { hard = new { pods = "2", secrets = "3" } } }, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal("2", quota!.Status!.Hard!["pods"]);
        Assert.Equal("1", quota.Status.Used!["pods"]);
        Assert.Equal("0", quota.Status.Used["secrets"]);
        await api.Client.CreatePodAsync(ObjectClient.NewPod("b"), ns);
    }
}

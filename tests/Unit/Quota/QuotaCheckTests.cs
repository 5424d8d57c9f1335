using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quota;

namespace EventOrch.Tests.Unit.Quota;

/// <summary>Quota admission's arithmetic and messages, as Kubernetes' checkRequest words them.</summary>
public sealed class QuotaCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ResourceQuota Quota(string name, Dictionary<string, string> hard, Dictionary<string, string>? used = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "ns", Uid = Guid.NewGuid().ToString() },
        Spec = new ResourceQuotaSpec { Hard = hard },
        Status = new ResourceQuotaStatus { Hard = hard, Used = used ?? hard.ToDictionary(p => p.Key, _ => "0") },
    };

    private static Pod Pod(params (string Name, string? RequestCpu, string? LimitCpu, string? RequestMemory)[] containers) => new()
    {
        Metadata = new ObjectMeta { Name = "web-1", Namespace = "ns" },
        Spec = new PodSpec
        {
            Containers = containers.Select(c => new Container
            {
                Name = c.Name,
                Image = "busybox",
                Resources = new ResourceRequirements
                {
                    Requests = Entries(("cpu", c.RequestCpu), ("memory", c.RequestMemory)),
                    Limits = Entries(("cpu", c.LimitCpu)),
                },
            }).ToList(),
        },
    };

    private static Dictionary<string, string>? Entries(params (string Key, string? Value)[] entries)
    {
        var present = entries.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!);
        return present.Count == 0 ? null : present;
    }

    public static TheoryData<string, Dictionary<string, string>, Dictionary<string, string>, string?> PodCases => new()
    {
        // quota hard, quota used, expected refusal (null: allowed)
        { "room left", new() { ["pods"] = "2" }, new() { ["pods"] = "1" }, null },
        { "at the limit", new() { ["pods"] = "2" }, new() { ["pods"] = "2" }, "exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2" },
        {
            "two resources over, one within",
            new() { ["pods"] = "2", ["limits.cpu"] = "1", ["requests.cpu"] = "10" },
            new() { ["pods"] = "2", ["limits.cpu"] = "1", ["requests.cpu"] = "0" },
            "exceeded quota: q, requested: limits.cpu=500m,pods=1, used: limits.cpu=1,pods=2, limited: limits.cpu=1,pods=2"
        },
        {
            "cpu counts the request",
            new() { ["cpu"] = "300m" }, new() { ["cpu"] = "100m" },
            "exceeded quota: q, requested: cpu=250m, used: cpu=100m, limited: cpu=300m"
        },
        { "a resource the pod does not use", new() { ["services"] = "0" }, new() { ["services"] = "0" }, null },
        { "no usage yet", new() { ["pods"] = "2" }, new(), "status unknown for quota: q, resources: pods" },
    };

    [Theory]
    [MemberData(nameof(PodCases))]
    public void A_pod_is_admitted_or_refused_with_Kubernetes_message(string why, Dictionary<string, string> hard, Dictionary<string, string> used, string? refusal)
    {
        var quota = Quota("q", hard, used);

        var decision = QuotaCheck.Evaluate(ResourceKind.Pod, null, Pod(("web", "250m", "500m", "64Mi")), [quota], Now);

        Assert.True(refusal == decision.Refusal, $"{why}: {decision.Refusal}");
    }

    [Fact]
    public void An_admitted_pod_is_charged_to_every_quota_it_counts_against()
    {
        var pods = Quota("pods", new() { ["pods"] = "5" }, new() { ["pods"] = "1" });
        var memory = Quota("memory", new() { ["requests.memory"] = "1Gi" }, new() { ["requests.memory"] = "512Mi" });
        var unrelated = Quota("services", new() { ["services"] = "1" });

        var decision = QuotaCheck.Evaluate(ResourceKind.Pod, null, Pod(("web", "250m", null, "256Mi")), [pods, memory, unrelated], Now);

        Assert.Null(decision.Refusal);
        Assert.Equal(["memory", "pods"], decision.Charges.Select(c => c.Quota.Metadata.Name).Order());
        Assert.Equal("2", decision.Charges.Single(c => c.Quota == pods).Used["pods"]);
        Assert.Equal("768Mi", decision.Charges.Single(c => c.Quota == memory).Used["requests.memory"]);
    }

    [Fact]
    public void Containers_missing_what_a_quota_constrains_are_named_by_resource()
    {
        var quota = Quota("compute", new() { ["limits.cpu"] = "4", ["requests.memory"] = "1Gi", ["pods"] = "9" });
        var pod = Pod(("web", "100m", null, null), ("side", "100m", "1", null), ("api", null, "1", "1Mi"));

        var decision = QuotaCheck.Evaluate(ResourceKind.Pod, null, pod, [quota], Now);

        Assert.Equal("failed quota: compute: must specify limits.cpu for: web; requests.memory for: side,web", decision.Refusal);
    }

    [Theory]
    [InlineData(PodPhases.Running, true)]
    [InlineData(PodPhases.Pending, true)]
    [InlineData(PodPhases.Succeeded, false)]
    [InlineData(PodPhases.Failed, false)]
    public void Only_pods_not_yet_ended_count_against_compute_quota(string phase, bool counts)
    {
        var pod = Pod(("web", "1", "1", null)) with { Status = new PodStatus { Phase = phase } };

        var usage = QuotaUsage.Of(ResourceKind.Pod, pod, Now);

        Assert.Equal(counts, usage.ContainsKey("pods"));
        Assert.Equal(counts, usage.ContainsKey("requests.cpu"));
        Assert.True(usage.ContainsKey("count/pods"));
    }

    [Fact]
    public void A_pod_past_its_deletion_grace_period_no_longer_counts()
    {
        var deleting = Pod(("web", "1", "1", null)) with
        {
            Metadata = new ObjectMeta { Name = "p", DeletionTimestamp = Now.AddSeconds(-31), DeletionGracePeriodSeconds = 30 },
        };
        var stillInGrace = deleting with { Metadata = deleting.Metadata with { DeletionTimestamp = Now.AddSeconds(-10) } };

        Assert.False(QuotaUsage.Counts(deleting, Now));
        Assert.True(QuotaUsage.Counts(stillInGrace, Now));
    }

    [Fact]
    public void Init_containers_count_when_they_need_more_than_the_containers_together()
    {
        var pod = Pod(("a", "100m", null, null), ("b", "200m", null, null));
        pod = pod with { Spec = pod.Spec with { InitContainers = [new Container { Name = "init", Image = "busybox", Resources = new() { Requests = new() { ["cpu"] = "1" } } }] } };

        Assert.Equal("1", QuotaUsage.PodCompute(pod)["requests.cpu"].ToString());
    }

    public static TheoryData<string, string?, int, string?, int, string?> ServiceCases => new()
    {
        // old type, old ports, new type, new ports, refusal with a quota of 2 node ports of which 1 is used
        { "a ClusterIP service", null, 0, ServiceTypes.ClusterIP, 3, null },
        { "one node port fits", null, 0, ServiceTypes.NodePort, 1, null },
        { "two do not", null, 0, ServiceTypes.NodePort, 2,
            "exceeded quota: q, requested: services.nodeports=2, used: services.nodeports=1, limited: services.nodeports=2" },
        { "an update to NodePort is charged its ports", ServiceTypes.ClusterIP, 2, ServiceTypes.NodePort, 2,
            "exceeded quota: q, requested: services.nodeports=2, used: services.nodeports=1, limited: services.nodeports=2" },
        { "an update keeping its node ports is charged nothing", ServiceTypes.NodePort, 2, ServiceTypes.NodePort, 2, null },
    };

    [Theory]
    [MemberData(nameof(ServiceCases))]
    public void Services_are_charged_their_node_ports_on_create_and_on_update(string why, string? oldType, int oldPorts, string? type, int ports, string? refusal)
    {
        var quota = Quota("q", new() { ["services.nodeports"] = "2" }, new() { ["services.nodeports"] = "1" });
        static Service Service(string? type, int ports) => new()
        {
            Metadata = new ObjectMeta { Name = "s", Namespace = "ns" },
            Spec = new ServiceSpec { Type = type, Ports = Enumerable.Range(0, ports).Select(i => new ServicePort { Port = 80 + i }).ToList() },
        };

        var decision = QuotaCheck.Evaluate(ResourceKind.Service, oldType is null ? null : Service(oldType, oldPorts), Service(type, ports), [quota], Now);

        Assert.True(refusal == decision.Refusal, $"{why}: {decision.Refusal}");
    }

    [Theory]
    [InlineData("count/deployments.apps", "Deployment")]
    [InlineData("count/pods", "Pod")]
    [InlineData("configmaps", "ConfigMap")]
    [InlineData("count/configmaps", "ConfigMap")]
    [InlineData("requests.memory", "Pod")]
    [InlineData("services.nodeports", "Service")]
    [InlineData("count/widgets.example.com", null)]
    [InlineData("persistentvolumeclaims", "PersistentVolumeClaim")]
    [InlineData("count/persistentvolumeclaims", "PersistentVolumeClaim")]
    [InlineData("requests.storage", "PersistentVolumeClaim")]
    [InlineData("gold.storageclass.storage.k8s.io/requests.storage", "PersistentVolumeClaim")]
    [InlineData("gold.storageclass.storage.k8s.io/persistentvolumeclaims", "PersistentVolumeClaim")]
    [InlineData(".storageclass.storage.k8s.io/requests.storage", null)]
    [InlineData("count/nodes", null)]
    [InlineData("count/ingresses.networking.k8s.io", "Ingress")]
    public void Each_resource_name_is_measured_on_its_kind(string resource, string? kind) =>
        Assert.Equal(kind, QuotaResources.MeasuredOn(resource)?.Kind);

    [Fact]
    public void Object_counts_are_charged_on_create_only()
    {
        var quota = Quota("q", new() { ["configmaps"] = "1" }, new() { ["configmaps"] = "1" });
        var map = new ConfigMap { Metadata = new ObjectMeta { Name = "c", Namespace = "ns" } };

        Assert.Equal("exceeded quota: q, requested: configmaps=1, used: configmaps=1, limited: configmaps=1",
            QuotaCheck.Evaluate(ResourceKind.ConfigMap, null, map, [quota], Now).Refusal);
        Assert.Null(QuotaCheck.Evaluate(ResourceKind.ConfigMap, map, map, [quota], Now).Refusal);
    }

    [Fact]
    public void A_claim_is_charged_its_storage_request_and_again_for_what_it_grows()
    {
        var quota = Quota("q", new() { ["requests.storage"] = "10Gi", ["persistentvolumeclaims"] = "5" },
            new() { ["requests.storage"] = "4Gi", ["persistentvolumeclaims"] = "1" });
        PersistentVolumeClaim Claim(string size) => new()
        {
            Metadata = new ObjectMeta { Name = "data", Namespace = "ns" },
            Spec = new PersistentVolumeClaimSpec { Resources = new ResourceRequirements { Requests = new() { ["storage"] = size } } },
        };

        var created = QuotaCheck.Evaluate(ResourceKind.PersistentVolumeClaim, null, Claim("2Gi"), [quota], Now);
        var grown = QuotaCheck.Evaluate(ResourceKind.PersistentVolumeClaim, Claim("2Gi"), Claim("9Gi"), [quota], Now);

        Assert.Equal(new Dictionary<string, string> { ["requests.storage"] = "6Gi", ["persistentvolumeclaims"] = "2" }, created.Charges.Single().Used);
        Assert.Equal("exceeded quota: q, requested: requests.storage=7Gi, used: requests.storage=4Gi, limited: requests.storage=10Gi", grown.Refusal);
    }

    [Fact]
    public void A_claim_is_charged_to_its_storage_class_too()
    {
        var quota = Quota("q", new()
        {
            ["gold.storageclass.storage.k8s.io/requests.storage"] = "5Gi",
            ["gold.storageclass.storage.k8s.io/persistentvolumeclaims"] = "1",
            ["requests.storage"] = "20Gi",
        });
        PersistentVolumeClaim Claim(string name, string storageClass, string size) => new()
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "ns" },
            Spec = new PersistentVolumeClaimSpec { StorageClassName = storageClass, Resources = new ResourceRequirements { Requests = new() { ["storage"] = size } } },
        };

        var gold = QuotaCheck.Evaluate(ResourceKind.PersistentVolumeClaim, null, Claim("a", "gold", "2Gi"), [quota], Now);
        Assert.Equal(new Dictionary<string, string>
        {
            ["gold.storageclass.storage.k8s.io/requests.storage"] = "2Gi",
            ["gold.storageclass.storage.k8s.io/persistentvolumeclaims"] = "1",
            ["requests.storage"] = "2Gi",
        }, gold.Charges.Single().Used);

        // Another class's claim is charged only the namespace's storage.
        var charged = quota with { Status = new ResourceQuotaStatus { Hard = quota.Spec.Hard, Used = gold.Charges.Single().Used } };
        var silver = QuotaCheck.Evaluate(ResourceKind.PersistentVolumeClaim, null, Claim("b", "silver", "8Gi"), [charged], Now);
        Assert.Null(silver.Refusal);
        Assert.Equal("10Gi", silver.Charges.Single().Used["requests.storage"]);
        Assert.Equal("1", silver.Charges.Single().Used["gold.storageclass.storage.k8s.io/persistentvolumeclaims"]);

        var secondGold = QuotaCheck.Evaluate(ResourceKind.PersistentVolumeClaim, null, Claim("c", "gold", "1Gi"), [charged], Now);
        Assert.Equal("exceeded quota: q, requested: gold.storageclass.storage.k8s.io/persistentvolumeclaims=1, "
            + "used: gold.storageclass.storage.k8s.io/persistentvolumeclaims=1, limited: gold.storageclass.storage.k8s.io/persistentvolumeclaims=1",
            secondGold.Refusal);
    }
}

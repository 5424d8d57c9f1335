using EventOrch.Contracts.Model;
using EventOrch.Scheduler;
using EventOrch.Scheduler.Plugins;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Scheduler;

/// <summary>The real scheduler host places pods by their claims: a claim bound to a local volume keeps its pod on the
/// volume's node; a WaitForFirstConsumer claim is given the pod's node before the pod is bound; an unbound claim that
/// binds at once keeps the pod pending until it is bound.</summary>
public sealed class VolumeSchedulingTests : IAsyncLifetime
{
    private const string Claims = "/api/v1/namespaces/default/persistentvolumeclaims";
    private readonly ApiServer _api = new();
    private ComponentHarness? _scheduler;
    private HttpClient Client => _api.Client;

    public async Task InitializeAsync()
    {
        await _api.InitializeAsync();
        _scheduler = await ComponentHarness.StartAsync(_api, "scheduler", b => b.AddSchedulerServices(), new Dictionary<string, string?>());
        await Client.RegisterAsync(TestNodes.New("node-a"));
        await Client.RegisterAsync(TestNodes.New("node-b"));
        await Client.RegisterAsync(TestNodes.New("node-c"));
    }

    public async Task DisposeAsync()
    {
        if (_scheduler is not null) await _scheduler.DisposeAsync();
        await _api.DisposeAsync();
    }

    private static PersistentVolumeClaim Claim(string name, string storageClass, string? volume = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = [PersistentVolumes.ReadWriteOnce], StorageClassName = storageClass, VolumeName = volume,
            Resources = new ResourceRequirements { Requests = new() { ["storage"] = "1Gi" } },
        },
    };

    private static Pod PodUsing(string name, string claim) => ObjectClient.NewPod(name) is var pod
        ? pod with { Spec = pod.Spec with { Volumes = [new Volume { Name = "data", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = claim } }] } }
        : throw new InvalidOperationException();

    private async Task<Pod> WaitForPodAsync(string name, Func<Pod, bool> done, string what) =>
        await Eventually.WaitFor(async () => (await Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/{name}")).Body!, done, what);

    [Fact]
    public async Task A_pod_whose_claim_is_bound_to_a_local_volume_lands_on_that_volumes_node()
    {
        await Client.CreateAsync("/api/v1/persistentvolumes", new PersistentVolume
        {
            Metadata = new ObjectMeta { Name = "disk-b" },
            Spec = new PersistentVolumeSpec
            {
                Capacity = new() { ["storage"] = "1Gi" }, AccessModes = [PersistentVolumes.ReadWriteOnce], StorageClassName = "",
                Local = new LocalVolumeSource { Path = "/mnt/disk" },
                NodeAffinity = new VolumeNodeAffinity
                {
                    Required = new NodeSelector
                    {
                        NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = WellKnownLabels.Hostname, Operator = "In", Values = ["node-b"] }] }],
                    },
                },
            },
        });
        await Client.CreateAsync(Claims, Claim("data", "", volume: "disk-b"));

        await Client.CreateAsync(ObjectClient.PodsPath(), PodUsing("db", "data"));

        var pod = await WaitForPodAsync("db", p => p.Spec.NodeName is not null, "the pod to be bound");
        Assert.Equal("node-b", pod.Spec.NodeName);
    }

    [Fact]
    public async Task A_wait_for_first_consumer_claim_is_given_its_pods_node_and_an_unbound_immediate_claim_keeps_its_pod_pending()
    {
        await Client.CreateAsync("/apis/storage.k8s.io/v1/storageclasses", new StorageClass
        {
            Metadata = new ObjectMeta { Name = "late" }, Provisioner = StorageClasses.LocalProvisioner, VolumeBindingMode = StorageClasses.BindingWaitForFirstConsumer,
        });
        await Client.CreateAsync("/apis/storage.k8s.io/v1/storageclasses", new StorageClass
        {
            Metadata = new ObjectMeta { Name = "now" }, Provisioner = StorageClasses.SharedProvisioner, VolumeBindingMode = StorageClasses.BindingImmediate,
        });
        await Client.CreateAsync(Claims, Claim("late-data", "late"));
        await Client.CreateAsync(Claims, Claim("now-data", "now"));

        await Client.CreateAsync(ObjectClient.PodsPath(), PodUsing("first", "late-data"));
        await Client.CreateAsync(ObjectClient.PodsPath(), PodUsing("pending", "now-data"));

        var first = await WaitForPodAsync("first", p => p.Spec.NodeName is not null, "the first consumer to be bound");
        var (_, claim, _) = await Client.SendAsync<PersistentVolumeClaim>(HttpMethod.Get, $"{Claims}/late-data");
        Assert.Equal(first.Spec.NodeName, claim!.Metadata.Annotations![PersistentVolumes.SelectedNodeAnnotation]);

        var pending = await WaitForPodAsync("pending", p => p.Status.Condition(PodConditions.PodScheduled)?.Status == ConditionStatuses.False, "PodScheduled=False");
        Assert.Equal($"0/3 nodes are available: 3 {VolumeBinding.UnboundImmediateReason}.", pending.Status.Condition(PodConditions.PodScheduled)!.Message);
        Assert.Null(pending.Spec.NodeName);
    }
}

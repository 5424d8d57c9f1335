using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;
using EventOrch.Scheduler.Plugins;
using EventOrch.Scheduler.Volumes;
using static EventOrch.Tests.Unit.Scheduler.SchedulingObjects;

namespace EventOrch.Tests.Unit.Scheduler;

public sealed class VolumeBindingTests
{
    internal sealed class Lookup : IVolumeLookup
    {
        public List<PersistentVolumeClaim> Claims { get; } = [];
        public List<PersistentVolume> Volumes { get; } = [];
        public List<StorageClass> Classes { get; } =
        [
            new() { Metadata = new ObjectMeta { Name = "local" }, Provisioner = StorageClasses.LocalProvisioner, VolumeBindingMode = StorageClasses.BindingWaitForFirstConsumer },
            new() { Metadata = new ObjectMeta { Name = "shared" }, Provisioner = StorageClasses.SharedProvisioner, VolumeBindingMode = StorageClasses.BindingImmediate },
        ];

        public PersistentVolumeClaim? Claim(string @namespace, string name) =>
            Claims.FirstOrDefault(c => c.Metadata.Namespace == @namespace && c.Metadata.Name == name);

        public PersistentVolume? Volume(string name) => Volumes.FirstOrDefault(v => v.Metadata.Name == name);

        public StorageClass? Class(string name) => Classes.FirstOrDefault(c => c.Metadata.Name == name);
    }

    private static PersistentVolumeClaim Claim(string name, string? storageClass = "local", string? volume = null, string? selectedNode = null,
        bool deleting = false) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name, Namespace = "default",
            Annotations = selectedNode is null ? null : new() { [PersistentVolumes.SelectedNodeAnnotation] = selectedNode },
            DeletionTimestamp = deleting ? DateTimeOffset.UnixEpoch : null,
        },
        Spec = new PersistentVolumeClaimSpec { StorageClassName = storageClass, VolumeName = volume },
    };

    private static PersistentVolume Volume(string name, string? node = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PersistentVolumeSpec
        {
            Local = node is null ? null : new LocalVolumeSource { Path = "/data" },
            HostPath = node is null ? new HostPathVolumeSource { Path = "/shared" } : null,
            NodeAffinity = node is null ? null : new VolumeNodeAffinity
            {
                Required = new NodeSelector { NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [Requirement(WellKnownLabels.Hostname, "In", node)] }] },
            },
        },
    };

    private static Pod UsingClaims(params string[] claims) => Pod().WithSpec(s => s with
    {
        Volumes = [.. claims.Select((c, i) => new Volume { Name = $"v{i}", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = c } })],
    });

    public static TheoryData<string, PersistentVolumeClaim[], PersistentVolume[], string[], string?> Cases => new()
    {
        { "no claims", [], [], [], null },
        { "a missing claim", [], [], ["data"], "persistentvolumeclaim \"data\" not found" },
        { "a claim being deleted", [Claim("data", volume: "pv-1", deleting: true)], [Volume("pv-1")], ["data"], "persistentvolumeclaim \"data\" is being deleted" },
        { "a bound claim on a volume with no node affinity", [Claim("data", "shared", volume: "pv-1")], [Volume("pv-1")], ["data"], null },
        { "a bound claim on a local volume of this node", [Claim("data", volume: "pv-1")], [Volume("pv-1", "node-1")], ["data"], null },
        { "a bound claim on a local volume of another node", [Claim("data", volume: "pv-1")], [Volume("pv-1", "node-2")], ["data"], VolumeBinding.NodeConflictReason },
        { "a bound claim whose volume is gone", [Claim("data", volume: "pv-1")], [], ["data"], VolumeBinding.VolumeMissingReason },
        { "an unbound claim of an Immediate class", [Claim("data", "shared")], [], ["data"], VolumeBinding.UnboundImmediateReason },
        { "an unbound claim of no class", [Claim("data", "")], [], ["data"], VolumeBinding.UnboundImmediateReason },
        { "an unbound claim of a class that does not exist", [Claim("data", "gold")], [], ["data"], VolumeBinding.UnboundImmediateReason },
        { "an unbound WaitForFirstConsumer claim", [Claim("data")], [], ["data"], null },
        { "an unbound WaitForFirstConsumer claim given this node", [Claim("data", selectedNode: "node-1")], [], ["data"], null },
        { "an unbound WaitForFirstConsumer claim given another node", [Claim("data", selectedNode: "node-2")], [], ["data"], VolumeBinding.BindConflictReason },
        {
            "two claims with two conflicts name both",
            [Claim("a", volume: "pv-1"), Claim("b", selectedNode: "node-2")], [Volume("pv-1", "node-2")], ["a", "b"],
            VolumeBinding.NodeConflictReason + "\n" + VolumeBinding.BindConflictReason
        },
        {
            "a claim that binds at once stops the pod before any volume is looked at",
            [Claim("a", volume: "pv-1"), Claim("b", "shared")], [Volume("pv-1", "node-2")], ["a", "b"], VolumeBinding.UnboundImmediateReason
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Claims_and_their_volumes_decide_whether_a_pod_fits_a_node(string description, PersistentVolumeClaim[] claims,
        PersistentVolume[] volumes, string[] podClaims, string? reason)
    {
        var lookup = new Lookup();
        lookup.Claims.AddRange(claims);
        lookup.Volumes.AddRange(volumes);

        var result = new VolumeBinding(lookup).Filter(UsingClaims(podClaims), Node("node-1").Info());

        Assert.True((reason is null) == result.Fits, description);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void A_pod_whose_local_volume_is_on_one_node_is_placed_there()
    {
        var lookup = new Lookup();
        lookup.Claims.Add(Claim("data", volume: "pv-1"));
        lookup.Volumes.Add(Volume("pv-1", "node-2"));
        var profile = new SchedulingProfile("test", [new VolumeBinding(lookup)], []);

        var result = Scheduling.Schedule(UsingClaims("data"), [Node("node-1").Info(), Node("node-2").Info(), Node("node-3").Info()], profile);

        Assert.Equal("node-2", result.NodeName);
        Assert.Equal([VolumeBinding.NodeConflictReason], result.UnfitNodes["node-1"]);
    }
}

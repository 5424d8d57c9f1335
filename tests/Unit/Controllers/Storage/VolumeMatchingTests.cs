using EventOrch.Contracts.Model;
using EventOrch.Controllers.Storage;

namespace EventOrch.Tests.Unit.Controllers.Storage;

/// <summary>The binder's choice of volume, as Kubernetes' FindMatchingVolume: table-driven over size, access modes,
/// class, selector, volume mode, node affinity against the selected node, and pre-binding.</summary>
public sealed class VolumeMatchingTests
{
    private static PersistentVolume Volume(string name, string size, string modes = "RWO", string? storageClass = "fast",
        Dictionary<string, string>? labels = null, string? node = null, string phase = PersistentVolumes.Available, string? claimRef = null,
        string? volumeMode = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = labels },
        Spec = new PersistentVolumeSpec
        {
            Capacity = new() { ["storage"] = size },
            AccessModes = Modes(modes),
            StorageClassName = storageClass,
            VolumeMode = volumeMode,
            ClaimRef = claimRef is null ? null : new ObjectReference { Namespace = "ns", Name = claimRef },
            NodeAffinity = node is null ? null : new VolumeNodeAffinity
            {
                Required = new NodeSelector
                {
                    NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = WellKnownLabels.Hostname, Operator = "In", Values = [node] }] }],
                },
            },
        },
        Status = new PersistentVolumeStatus { Phase = phase },
    };

    private static PersistentVolumeClaim Claim(string size = "1Gi", string modes = "RWO", string? storageClass = "fast",
        Dictionary<string, string>? selector = null, string? volumeMode = null) => new()
    {
        Metadata = new ObjectMeta { Name = "data", Namespace = "ns", Uid = "claim-uid" },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = Modes(modes),
            Resources = new ResourceRequirements { Requests = new() { ["storage"] = size } },
            StorageClassName = storageClass,
            Selector = selector is null ? null : new LabelSelectorSpec { MatchLabels = selector },
            VolumeMode = volumeMode,
        },
    };

    private static Node NodeNamed(string name) =>
        new() { Metadata = new ObjectMeta { Name = name, Labels = new() { [WellKnownLabels.Hostname] = name } } };

    private static List<string> Modes(string modes) => modes.Split(',').Select(m => m switch
    {
        "RWO" => PersistentVolumes.ReadWriteOnce,
        "ROX" => PersistentVolumes.ReadOnlyMany,
        "RWX" => PersistentVolumes.ReadWriteMany,
        _ => m,
    }).ToList();

    public static TheoryData<string, PersistentVolumeClaim, PersistentVolume[], string?> Cases => new()
    {
        { "the smallest volume that fits wins", Claim("1Gi"), [Volume("big", "10Gi"), Volume("small", "2Gi"), Volume("tiny", "500Mi")], "small" },
        { "a volume of exactly the request fits", Claim("2Gi"), [Volume("exact", "2Gi"), Volume("bigger", "3Gi")], "exact" },
        { "nothing too small fits", Claim("5Gi"), [Volume("small", "2Gi")], null },
        { "access modes must be a superset", Claim(modes: "RWX"), [Volume("rwo", "1Gi", "RWO"), Volume("rwx", "5Gi", "RWO,RWX")], "rwx" },
        { "a volume lacking one asked mode does not fit", Claim(modes: "RWO,ROX"), [Volume("rwo", "1Gi", "RWO")], null },
        { "the class must be the claim's", Claim(storageClass: "fast"), [Volume("slow", "1Gi", storageClass: "slow"), Volume("fast", "2Gi")], "fast" },
        { "a claim of no class takes only a volume of no class", Claim(storageClass: ""), [Volume("fast", "1Gi"), Volume("none", "2Gi", storageClass: null)], "none" },
        { "the selector must match the volume's labels", Claim(selector: new() { ["tier"] = "db" }),
            [Volume("web", "1Gi", labels: new() { ["tier"] = "web" }), Volume("db", "2Gi", labels: new() { ["tier"] = "db" })], "db" },
        { "a Block claim takes only a Block volume", Claim(volumeMode: PersistentVolumes.Block),
            [Volume("fs", "1Gi", volumeMode: PersistentVolumes.Filesystem), Volume("block", "2Gi", volumeMode: PersistentVolumes.Block)], "block" },
        { "a volume not Available is skipped", Claim(), [Volume("released", "1Gi", phase: PersistentVolumes.Released), Volume("free", "2Gi")], "free" },
        { "a volume reserved for another claim is skipped", Claim(), [Volume("other", "1Gi", claimRef: "other"), Volume("free", "2Gi")], "free" },
        { "a volume reserved for this claim wins over a smaller one", Claim(), [Volume("tiny", "1Gi"), Volume("mine", "8Gi", claimRef: "data", phase: PersistentVolumes.Pending)], "mine" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_claim_without_a_selected_node_binds_to(string because, PersistentVolumeClaim claim, PersistentVolume[] volumes, string? expected)
    {
        var match = VolumeMatching.FindBestMatch(claim, volumes, selectedNode: null, delayBinding: false);
        Assert.True(expected == match?.Metadata.Name, $"{because}: expected {expected ?? "none"}, got {match?.Metadata.Name ?? "none"}");
    }

    public static TheoryData<string, string?, bool, PersistentVolume[], string?> NodeCases => new()
    {
        { "a volume pinned to the selected node fits", "node-a", true, [Volume("a", "1Gi", node: "node-a")], "a" },
        { "a volume pinned to another node does not", "node-a", true, [Volume("b", "1Gi", node: "node-b")], null },
        { "the pinned volume wins over a smaller one elsewhere", "node-a", true, [Volume("b", "1Gi", node: "node-b"), Volume("a", "5Gi", node: "node-a")], "a" },
        { "a volume with no affinity fits every node", "node-a", true, [Volume("anywhere", "1Gi")], "anywhere" },
        { "WaitForFirstConsumer without a selected node binds nothing", null, true, [Volume("anywhere", "1Gi")], null },
        { "Immediate without a selected node binds as usual", null, false, [Volume("b", "1Gi", node: "node-b")], "b" },
        { "a volume reserved for the claim but pinned elsewhere is no match", "node-a", true,
            [Volume("mine", "1Gi", node: "node-b", claimRef: "data"), Volume("a", "1Gi", node: "node-a")], null },
    };

    [Theory]
    [MemberData(nameof(NodeCases))]
    public void A_claim_with_a_selected_node_binds_to(string because, string? selectedNode, bool delayBinding, PersistentVolume[] volumes, string? expected)
    {
        var node = selectedNode is null ? null : NodeNamed(selectedNode);
        var match = VolumeMatching.FindBestMatch(Claim(), volumes, node, delayBinding);
        Assert.True(expected == match?.Metadata.Name, $"{because}: expected {expected ?? "none"}, got {match?.Metadata.Name ?? "none"}");
    }

    [Theory]
    [InlineData("2Gi", "fast", "RWO", null)]
    [InlineData("500Mi", "fast", "RWO", "requested PV is too small")]
    [InlineData("2Gi", "slow", "RWO", "storageClassName does not match")]
    [InlineData("2Gi", "fast", "ROX", "incompatible accessMode")]
    public void A_volume_named_by_the_claim_must_satisfy_it(string size, string storageClass, string modes, string? reason) =>
        Assert.Equal(reason, VolumeMatching.Unsatisfied(Claim("1Gi"), Volume("named", size, modes, storageClass)));
}

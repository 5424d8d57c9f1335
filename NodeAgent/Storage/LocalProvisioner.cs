using EventOrch.ClientRuntime.Storage;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.Nodes;
using EventOrch.NodeAgent.Runtime;
using Microsoft.Extensions.Options;

namespace EventOrch.NodeAgent.Storage;

/// <summary>The <c>eventorch.io/local</c> provisioner of this agent's nodes: a claim whose selected node is one of them
/// gets a volume of the container engine, <c>eventorch-&lt;volume name&gt;</c> (labelled with the volume and the node),
/// exposed as <c>local</c> at the engine's mountpoint with node affinity <c>kubernetes.io/hostname In [node]</c>, so
/// pods using it are pinned there. Deleting the volume removes the engine's volume and its data.</summary>
public sealed partial class LocalProvisioner(IContainerRuntime runtime, IOptions<NodeOptions> options, ILogger<LocalProvisioner> logger)
    : IVolumeProvisioner
{
    public const string VolumeLabel = "io.eventorch.volume";
    public const string EngineVolumePrefix = "eventorch-";

    private readonly HashSet<string> _nodes = options.Value.NodeNames().ToHashSet(StringComparer.Ordinal);

    public string Name => StorageClasses.LocalProvisioner;

    public bool Handles(PersistentVolumeClaim claim) =>
        claim.Metadata.Annotations?.GetValueOrDefault(PersistentVolumes.SelectedNodeAnnotation) is { } node && _nodes.Contains(node);

    public bool Handles(PersistentVolume volume) => NodeOf(volume) is { } node && _nodes.Contains(node);

    public static string EngineVolumeName(string volumeName) => EngineVolumePrefix + volumeName;

    public async Task<PersistentVolumeSpec> ProvisionAsync(string volumeName, PersistentVolumeClaim claim, StorageClass storageClass,
        CancellationToken cancellationToken)
    {
        var node = claim.Metadata.Annotations![PersistentVolumes.SelectedNodeAnnotation];
        var labels = new Dictionary<string, string> { [VolumeLabel] = volumeName, [RuntimeLabels.Node] = node };
        var mountpoint = await runtime.CreateVolumeAsync(EngineVolumeName(volumeName), labels, cancellationToken);
        LogCreated(EngineVolumeName(volumeName), node, mountpoint);
        return new PersistentVolumeSpec
        {
            Local = new LocalVolumeSource { Path = mountpoint },
            NodeAffinity = new VolumeNodeAffinity
            {
                Required = new NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new NodeSelectorTerm
                        {
                            MatchExpressions = [new NodeSelectorRequirement { Key = WellKnownLabels.Hostname, Operator = "In", Values = [node] }],
                        },
                    ],
                },
            },
        };
    }

    public async Task DeleteAsync(PersistentVolume volume, CancellationToken cancellationToken)
    {
        await runtime.RemoveVolumeAsync(EngineVolumeName(volume.Metadata.Name!), cancellationToken);
        LogDeleted(EngineVolumeName(volume.Metadata.Name!));
    }

    /// <summary>The node a local volume's affinity pins it to (the one <c>kubernetes.io/hostname In</c> value), if any.</summary>
    public static string? NodeOf(PersistentVolume volume) =>
        volume.Spec.NodeAffinity?.Required?.NodeSelectorTerms is [{ MatchExpressions: [{ Key: WellKnownLabels.Hostname, Operator: "In", Values: [var node] }] }]
            ? node
            : null;

    [LoggerMessage(EventId = 1150, Level = LogLevel.Information, Message = "local volume {EngineVolume} created on node {Node} at {Mountpoint}")]
    private partial void LogCreated(string engineVolume, string node, string mountpoint);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Information, Message = "local volume {EngineVolume} removed")]
    private partial void LogDeleted(string engineVolume);
}

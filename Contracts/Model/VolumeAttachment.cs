using System.Security.Cryptography;
using System.Text;

namespace EventOrch.Contracts.Model;

/// <summary>storage.k8s.io/v1 VolumeAttachment: a persistent volume attached to a node. The attach/detach controller
/// makes one for every node where a pod uses the volume, and a node agent starts such a pod only once it is attached,
/// so a ReadWriteOnce volume is written from one node at a time. Cluster-scoped.</summary>
public sealed record VolumeAttachment : IKubeObject
{
    public string ApiVersion { get; init; } = "storage.k8s.io/v1";
    public string Kind { get; init; } = "VolumeAttachment";
    public ObjectMeta Metadata { get; init; } = new();
    public VolumeAttachmentSpec Spec { get; init; } = new();
    public VolumeAttachmentStatus? Status { get; init; }
}

public sealed record VolumeAttachmentSpec
{
    /// <summary>Who attaches the volume (EventOrch's attach/detach controller: <see cref="VolumeAttachments.Attacher"/>).</summary>
    public string Attacher { get; init; } = "";
    public VolumeAttachmentSource Source { get; init; } = new();
    public string NodeName { get; init; } = "";
}

public sealed record VolumeAttachmentSource
{
    public string? PersistentVolumeName { get; init; }
}

public sealed record VolumeAttachmentStatus
{
    public bool Attached { get; init; }
    public Dictionary<string, string>? AttachmentMetadata { get; init; }
    public VolumeError? AttachError { get; init; }
    public VolumeError? DetachError { get; init; }
}

public sealed record VolumeError
{
    public DateTimeOffset? Time { get; init; }
    public string? Message { get; init; }
}

/// <summary>Names of attachments.</summary>
public static class VolumeAttachments
{
    /// <summary>The attacher EventOrch's attach/detach controller writes into the attachments it makes.</summary>
    public const string Attacher = "eventorch.io/attacher";

    /// <summary>The one name of the attachment of a volume to a node, as Kubernetes' CSI attacher derives it (a hash,
    /// so it is a valid name whatever the two names are).</summary>
    public static string NameFor(string persistentVolume, string node) =>
        "eo-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{persistentVolume}/{Attacher}/{node}")));

    /// <summary>How a node's <c>status.volumesInUse</c> names a persistent volume, as Kubernetes names a CSI volume
    /// (<c>{driver}^{handle}</c>): <c>eventorch.io/attacher^pvc-…</c>.</summary>
    public static string InUseName(string persistentVolume) => $"{Attacher}^{persistentVolume}";

    /// <summary>The persistent volumes a node's <c>status.volumesInUse</c> names.</summary>
    public static IEnumerable<string> InUseOn(Node? node) =>
        (node?.Status?.VolumesInUse ?? []).Where(n => n.StartsWith(Attacher + "^", StringComparison.Ordinal)).Select(n => n[(Attacher.Length + 1)..]);
}

using System.Collections.Concurrent;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.NodeAgent.Volumes;

/// <summary>A host directory (or file) a pod's volume is, whether every mount of it is read-only, and the persistent
/// volume it is, for a claim.</summary>
public sealed record ResolvedVolume(string HostPath, bool ReadOnly, string? PersistentVolume = null);

/// <summary>Sets up a node's pods' hostPath and persistentVolumeClaim volumes before their containers start, as the
/// kubelet's volume manager does: a hostPath is checked against its type; a claim must be Bound, its volume a hostPath,
/// or a local path whose node affinity allows this node, and attached here (the VolumeAttachment of the volume and this
/// node says attached). Until then the pod's containers wait, with the reason. A volume once set up stays so for the
/// pod's life, as a mount does.</summary>
public sealed class PodVolumes(string node, IStorageLookup storage)
{
    private readonly ConcurrentDictionary<(string Uid, string Volume), ResolvedVolume> _ready = new();

    /// <summary>Every hostPath and claim volume of the pod that is set up, and the reason the first that is not cannot be yet.</summary>
    public async Task<(IReadOnlyDictionary<string, ResolvedVolume> Volumes, string? Error)> SyncAsync(Pod pod, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, ResolvedVolume>(StringComparer.Ordinal);
        string? firstError = null;
        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            if (volume.HostPath is null && volume.PersistentVolumeClaim is null) continue;
            var key = (pod.Metadata.Uid!, volume.Name);
            if (_ready.TryGetValue(key, out var ready))
            {
                resolved[volume.Name] = ready;
                continue;
            }
            var (result, error) = volume.HostPath is { } hostPath
                ? SetUpHostPath(hostPath, readOnly: false)
                : await SetUpClaimAsync(pod, volume.PersistentVolumeClaim!, cancellationToken);
            if (result is null)
            {
                firstError ??= $"MountVolume.SetUp failed for volume \"{volume.Name}\" : {error}";
                continue;
            }
            resolved[volume.Name] = _ready[key] = result;
        }
        return (resolved, firstError);
    }

    /// <summary>Forgets a pod that is gone.</summary>
    public void Forget(string uid)
    {
        foreach (var key in _ready.Keys.Where(k => k.Uid == uid).ToList()) _ready.TryRemove(key, out _);
    }

    private static (ResolvedVolume?, string?) SetUpHostPath(HostPathVolumeSource source, bool readOnly)
    {
        try
        {
            return HostPathTypes.Check(source.Path, source.Type) is { } error ? (null, error) : (new ResolvedVolume(source.Path, readOnly), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, ex.Message);
        }
    }

    private async Task<(ResolvedVolume?, string?)> SetUpClaimAsync(Pod pod, PersistentVolumeClaimVolumeSource source, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        try
        {
            var claim = await storage.ClaimAsync(ns, source.ClaimName, cancellationToken);
            if (claim is null) return (null, $"persistentvolumeclaim \"{source.ClaimName}\" not found");
            if (claim.Status?.Phase != PersistentVolumes.Bound || string.IsNullOrEmpty(claim.Spec.VolumeName))
            {
                // The kubelet's words for a claim not bound yet.
                return (null, $"PVC {ns}/{source.ClaimName} has non-bound phase (\"{claim.Status?.Phase ?? PersistentVolumes.Pending}\") "
                    + $"or empty pvc.Spec.VolumeName (\"{claim.Spec.VolumeName}\")");
            }
            var volume = await storage.VolumeAsync(claim.Spec.VolumeName, cancellationToken);
            if (volume is null) return (null, $"persistentvolume \"{claim.Spec.VolumeName}\" not found");
            if (volume.Spec.HostPath is null && volume.Spec.Local is null)
                return (null, $"persistentvolume \"{volume.Metadata.Name}\" has no source this node can mount");
            if (volume.Spec.Local is not null && !AllowsThisNode(volume))
                return (null, $"volume \"{volume.Metadata.Name}\" has node affinity that does not allow node \"{node}\"");

            var attachment = VolumeAttachments.NameFor(volume.Metadata.Name!, node);
            var attached = await storage.AttachmentAsync(attachment, cancellationToken);
            if (attached is not { Status.Attached: true })
            {
                // The attacher's reason when it gave one (another node holds a ReadWriteOnce volume: Multi-Attach).
                return (null, attached?.Status?.AttachError?.Message is { Length: > 0 } why
                    ? $"AttachVolume.Attach failed for volume \"{volume.Metadata.Name}\" : {why}"
                    : $"volume \"{volume.Metadata.Name}\" is not attached to node \"{node}\" yet (volumeattachment \"{attachment}\")");
            }
            var readOnly = source.ReadOnly == true;
            if (volume.Spec.HostPath is { } hostPath)
            {
                var (set, error) = SetUpHostPath(hostPath, readOnly);
                return (set is null ? null : set with { PersistentVolume = volume.Metadata.Name }, error);
            }
            var local = volume.Spec.Local!.Path;
            return Path.Exists(local) ? (new ResolvedVolume(local, readOnly, volume.Metadata.Name), null) : (null, $"path \"{local}\" does not exist");
        }
        catch (Exception ex) when (ex is ApiException or HttpRequestException)
        {
            return (null, ex.Message);
        }
    }

    // A local volume's node affinity against this node, known by its name and kubernetes.io/hostname label.
    private bool AllowsThisNode(PersistentVolume volume) => NodeSelectorMatching.VolumeAllows(volume,
        new Node { Metadata = new ObjectMeta { Name = node, Labels = new() { [WellKnownLabels.Hostname] = node } } });
}

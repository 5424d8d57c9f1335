using System.Collections.Concurrent;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Storage;

/// <summary>Kubernetes' attach/detach controller, keyed by persistent volume: one VolumeAttachment per node where a pod
/// that is not Succeeded or Failed uses the volume through its bound claim (a pod being deleted counts until its object
/// is gone: its containers may still run), attached once nothing forbids it; attachments to other nodes are deleted
/// (detached). A single-node (ReadWriteOnce) volume stays attached where it is while a pod there uses it: an attachment
/// to a second node waits with a Multi-Attach error, and is attached in the pass that detaches the first — after that
/// node's pods are gone, which for a dead node is once the node lifecycle controller has declared it unreachable and
/// deleted them. Node agents start a pod only when its volumes are attached to their node, and report them in the node's
/// <c>status.volumesInUse</c> first: an attachment to a Ready node that still reports the volume in use is kept, even
/// once no pod object there uses it (a pod force-deleted while its containers still run).</summary>
public sealed partial class AttachDetachController : IReconciler
{
    public const string MultiAttachError = "Multi-Attach error for volume \"{0}\" Volume is already exclusively attached to one node and can't be attached to another";

    private const string ByVolume = "volume";

    private readonly Informer<Pod> _pods;
    private readonly Informer<PersistentVolumeClaim> _claims;
    private readonly Informer<PersistentVolume> _volumes;
    private readonly Informer<VolumeAttachment> _attachments;
    private readonly Informer<Node> _nodes;
    private readonly KubeApiClient _api;
    private readonly TimeProvider _time;
    private readonly ILogger<AttachDetachController> _logger;
    // The event that last made each volume worth a look (a pod bound or deleted, a claim bound): the cause of what the pass writes.
    private readonly ConcurrentDictionary<string, Guid> _causes = new(StringComparer.Ordinal);

    public AttachDetachController(Informer<Pod> pods, Informer<PersistentVolumeClaim> claims, Informer<PersistentVolume> volumes,
        Informer<VolumeAttachment> attachments, Informer<Node> nodes, KubeApiClient api, TimeProvider time, ILogger<AttachDetachController> logger)
    {
        (_pods, _claims, _volumes, _attachments, _nodes, _api, _time, _logger) = (pods, claims, volumes, attachments, nodes, api, time, logger);
        Queue = new WorkQueue(time);
        pods.Cache.AddNamespaceIndex();
        attachments.Cache.AddIndex(ByVolume, a => a.Spec.Source.PersistentVolumeName);
        pods.Cache.Changed += (old, current) =>
        {
            var pod = (current ?? old)!;
            var cause = current is null ? pods.Cache.DeletionCauseOf(pod.Metadata.Uid!) : pods.Cache.CauseOf(pod.Metadata.Namespace, pod.Metadata.Name!);
            foreach (var volume in VolumesOf(old).Concat(VolumesOf(current)).Distinct()) Enqueue(volume, cause);
        };
        claims.Cache.Changed += (old, current) =>
        {
            var claim = (current ?? old)!;
            var cause = claims.Cache.CauseOf(claim.Metadata.Namespace, claim.Metadata.Name!);
            foreach (var volume in new[] { old?.Spec.VolumeName, current?.Spec.VolumeName }.OfType<string>().Distinct()) Enqueue(volume, cause);
        };
        volumes.Cache.Changed += (old, current) => Queue.Add((current ?? old)!.Metadata.Name!);
        attachments.Cache.Changed += (old, current) =>
        {
            if ((current ?? old)!.Spec.Source.PersistentVolumeName is { } volume) Queue.Add(volume);
        };
        // A node that stops (or starts) reporting a volume in use, or whose readiness changes, may let it go.
        nodes.Cache.Changed += (old, current) =>
        {
            foreach (var volume in VolumeAttachments.InUseOn(old).Concat(VolumeAttachments.InUseOn(current)).Distinct(StringComparer.Ordinal)) Queue.Add(volume);
        };
    }

    public string Name => "attach-detach-controller";

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.WhenAll(_pods.WaitForSyncAsync(cancellationToken),
        _claims.WaitForSyncAsync(cancellationToken), _volumes.WaitForSyncAsync(cancellationToken), _attachments.WaitForSyncAsync(cancellationToken),
        _nodes.WaitForSyncAsync(cancellationToken));

    public IEnumerable<string> AllKeys() => _volumes.Cache.List().Select(v => v.Metadata.Name!)
        .Concat(_attachments.Cache.List().Select(a => a.Spec.Source.PersistentVolumeName).OfType<string>())
        .Distinct(StringComparer.Ordinal);

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var caused = _causes.TryGetValue(key, out var id);
        using (KubeApiClient.CausedBy(caused ? id : null)) await SyncAsync(key, cancellationToken);
        if (caused) _causes.TryRemove(KeyValuePair.Create(key, id));
    }

    private async Task SyncAsync(string volumeName, CancellationToken cancellationToken)
    {
        var volume = _volumes.Cache.Get(null, volumeName);
        var wanted = NodesUsing(volume);
        var attachments = new List<VolumeAttachment>();
        foreach (var attachment in _attachments.Cache.ByIndex(ByVolume, volumeName))
        {
            if (wanted.Contains(attachment.Spec.NodeName) || StillInUse(attachment.Spec.NodeName, volumeName)) attachments.Add(attachment);
            else if (await _api.TryDeleteAsync<VolumeAttachment>(ResourceKind.VolumeAttachment, null, attachment.Metadata.Name!, cancellationToken: cancellationToken))
                LogDetached(volumeName, attachment.Spec.NodeName);
        }
        foreach (var node in wanted.Where(n => attachments.All(a => a.Spec.NodeName != n)))
            attachments.Add(await CreateAsync(volumeName, node, cancellationToken));

        // A single-node volume is attached where it already is, else to the node that asked first.
        var singleNode = PersistentVolumes.IsSingleNode(volume?.Spec.AccessModes);
        var holder = attachments.FirstOrDefault(a => a.Status?.Attached == true)
            ?? attachments.OrderBy(a => a.Metadata.CreationTimestamp).ThenBy(a => a.Metadata.Name, StringComparer.Ordinal).FirstOrDefault();
        foreach (var attachment in attachments)
        {
            var attach = !singleNode || attachment == holder;
            var status = attach
                ? new VolumeAttachmentStatus { Attached = true }
                : new VolumeAttachmentStatus
                {
                    Attached = false,
                    AttachError = attachment.Status?.AttachError ?? new VolumeError
                    {
                        Time = _time.GetUtcNow(),
                        Message = string.Format(System.Globalization.CultureInfo.InvariantCulture, MultiAttachError, volumeName) + $" (attached to node \"{holder!.Spec.NodeName}\")",
                    },
                };
            if (Contracts.Serialization.KubeJson.Equal(status, attachment.Status)) continue;
            await _api.ReplaceStatusAsync(ResourceKind.VolumeAttachment, attachment with { Status = status }, cancellationToken);
            if (attach) LogAttached(volumeName, attachment.Spec.NodeName);
            else LogMultiAttach(volumeName, attachment.Spec.NodeName, holder!.Spec.NodeName);
        }
    }

    // The nodes of the pods that use the volume through the claim it is bound to.
    private HashSet<string> NodesUsing(PersistentVolume? volume)
    {
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        if (volume?.Spec.ClaimRef is not { Namespace: { } ns, Name: { } claimName }) return nodes;
        if (_claims.Cache.Get(ns, claimName) is not { } claim || !PersistentVolumes.AreBound(volume, claim)) return nodes;
        foreach (var pod in _pods.Cache.InNamespace(ns))
        {
            if (pod.Spec.NodeName is { Length: > 0 } node && PersistentVolumes.HoldsClaim(pod, claimName)) nodes.Add(node);
        }
        return nodes;
    }

    // The node's agent still reports the volume in use, and the node is Ready: its report is current. (An unreachable
    // node's report is not: once the lifecycle controller has deleted its pods, the volume is detached from it.)
    private bool StillInUse(string node, string volume) => _nodes.Cache.Get(null, node) is { } n
        && n.IsReady() && VolumeAttachments.InUseOn(n).Contains(volume, StringComparer.Ordinal);

    private async Task<VolumeAttachment> CreateAsync(string volume, string node, CancellationToken cancellationToken)
    {
        var attachment = new VolumeAttachment
        {
            Metadata = new ObjectMeta { Name = VolumeAttachments.NameFor(volume, node) },
            Spec = new VolumeAttachmentSpec { Attacher = VolumeAttachments.Attacher, NodeName = node, Source = new VolumeAttachmentSource { PersistentVolumeName = volume } },
        };
        try
        {
            return await _api.CreateAsync(ResourceKind.VolumeAttachment, attachment, cancellationToken);
        }
        catch (ApiException ex) when (ex.IsConflict)
        {
            // Made by an earlier pass this cache has not seen yet: read it.
            return await _api.GetAsync<VolumeAttachment>(ResourceKind.VolumeAttachment, null, attachment.Metadata.Name!, cancellationToken)
                ?? throw new InvalidOperationException($"VolumeAttachment {attachment.Metadata.Name} was there and is gone; trying again.");
        }
    }

    // The volumes a pod's claims are bound to, as this process knows them.
    private IEnumerable<string> VolumesOf(Pod? pod)
    {
        if (pod?.Spec.NodeName is not { Length: > 0 }) yield break;
        foreach (var claim in PersistentVolumes.ClaimsOf(pod))
        {
            if (_claims.Cache.Get(pod.Metadata.Namespace, claim)?.Spec.VolumeName is { Length: > 0 } volume) yield return volume;
        }
    }

    private void Enqueue(string volume, Guid? cause)
    {
        if (cause is { } id) _causes[volume] = id;
        Queue.Add(volume);
    }

    [LoggerMessage(EventId = 1160, Level = LogLevel.Information, Message = "Attached volume {Volume} to node {Node}")]
    private partial void LogAttached(string volume, string node);

    [LoggerMessage(EventId = 1161, Level = LogLevel.Information, Message = "Detached volume {Volume} from node {Node}")]
    private partial void LogDetached(string volume, string node);

    [LoggerMessage(EventId = 1162, Level = LogLevel.Warning, Message = "Volume {Volume} is wanted on node {Node} but stays attached to node {Holder} while a pod there uses it")]
    private partial void LogMultiAttach(string volume, string node, string holder);
}

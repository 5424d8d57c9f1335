using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.NodeAgent.Volumes;

/// <summary>Where a node agent reads the claims, volumes and attachments behind a pod's persistentVolumeClaim volumes.</summary>
public interface IStorageLookup
{
    /// <summary>The claim, or null when there is none; an Api failure throws.</summary>
    Task<PersistentVolumeClaim?> ClaimAsync(string @namespace, string name, CancellationToken cancellationToken);

    Task<PersistentVolume?> VolumeAsync(string name, CancellationToken cancellationToken);

    /// <summary>The attachment named <paramref name="name"/> (<see cref="VolumeAttachments.NameFor"/>), or null.</summary>
    Task<VolumeAttachment?> AttachmentAsync(string name, CancellationToken cancellationToken);
}

/// <summary>Reads them through the Api, only when a pod here needs one (an agent keeps no cache of every claim).</summary>
public sealed class ApiStorageLookup(KubeApiClient api) : IStorageLookup
{
    public Task<PersistentVolumeClaim?> ClaimAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        api.GetAsync<PersistentVolumeClaim>(ResourceKind.PersistentVolumeClaim, @namespace, name, cancellationToken);

    public Task<PersistentVolume?> VolumeAsync(string name, CancellationToken cancellationToken) =>
        api.GetAsync<PersistentVolume>(ResourceKind.PersistentVolume, null, name, cancellationToken);

    public Task<VolumeAttachment?> AttachmentAsync(string name, CancellationToken cancellationToken) =>
        api.GetAsync<VolumeAttachment>(ResourceKind.VolumeAttachment, null, name, cancellationToken);
}

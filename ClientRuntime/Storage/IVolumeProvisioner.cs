using EventOrch.Contracts.Model;

namespace EventOrch.ClientRuntime.Storage;

/// <summary>One dynamic provisioner (Kubernetes' external-provisioner's Provisioner interface): it makes the storage of
/// a new volume and deletes it when the volume is reclaimed. The <see cref="ProvisioningController"/> calls it; both
/// calls must be idempotent (a retried provision finds what the first made, a retried delete finds nothing).</summary>
public interface IVolumeProvisioner
{
    /// <summary>The name classes give as their provisioner, e.g. <c>eventorch.io/shared</c>.</summary>
    string Name { get; }

    /// <summary>Whether this instance provisions the claim (a node's provisioner: only claims whose selected node is its).</summary>
    bool Handles(PersistentVolumeClaim claim);

    /// <summary>Whether this instance deletes the volume's storage (a node's provisioner: only volumes on its node).</summary>
    bool Handles(PersistentVolume volume);

    /// <summary>Makes the storage of <paramref name="volumeName"/> for the claim and returns the volume's source and
    /// node affinity; the controller fills in the rest of the spec.</summary>
    Task<PersistentVolumeSpec> ProvisionAsync(string volumeName, PersistentVolumeClaim claim, StorageClass storageClass, CancellationToken cancellationToken);

    /// <summary>Deletes the volume's storage and its data. Storage already gone is no error.</summary>
    Task DeleteAsync(PersistentVolume volume, CancellationToken cancellationToken);
}

using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;
using Microsoft.Extensions.Logging;

namespace EventOrch.ClientRuntime.Storage;

/// <summary>The provisioning loop of a host's <see cref="IVolumeProvisioner"/>s (Kubernetes' external-provisioner): a
/// claim the binder annotated with one of their names (<c>volume.kubernetes.io/storage-provisioner</c>) and that has no
/// volume yet gets one, named <c>pvc-&lt;claim uid&gt;</c>, reserved for the claim (claimRef), of the size, access modes
/// and volume mode asked for, with the class's reclaim policy and mount options and <c>pv.kubernetes.io/provisioned-by</c>;
/// a Released volume of theirs whose policy is Delete has its storage deleted, then the volume. Claim keys are
/// "namespace/name", volume keys "/name".</summary>
public sealed partial class ProvisioningController : IReconciler
{
    private readonly Informer<PersistentVolumeClaim> _claims;
    private readonly Informer<PersistentVolume> _volumes;
    private readonly Informer<StorageClass> _classes;
    private readonly IReadOnlyList<IVolumeProvisioner> _provisioners;
    private readonly KubeApiClient _api;
    private readonly ILogger<ProvisioningController> _logger;

    public ProvisioningController(Informer<PersistentVolumeClaim> claims, Informer<PersistentVolume> volumes, Informer<StorageClass> classes,
        IEnumerable<IVolumeProvisioner> provisioners, KubeApiClient api, TimeProvider time, ILogger<ProvisioningController> logger)
    {
        (_claims, _volumes, _classes, _provisioners, _api, _logger) = (claims, volumes, classes, provisioners.ToList(), api, logger);
        Queue = new WorkQueue(time);
        claims.Cache.Changed += (_, current) =>
        {
            if (current is not null) Queue.Add(ObjectKey.Of(current));
        };
        volumes.Cache.Changed += (old, current) =>
        {
            if (current is not null) Queue.Add(ObjectKey.Of(current));
            // A volume that failed to be created, or was deleted, may leave a claim still to provision.
            else if (old?.Spec.ClaimRef is { Namespace: { } ns, Name: { } name }) Queue.Add(ObjectKey.Of(ns, name));
        };
    }

    public const string VolumeNamePrefix = "pvc-";

    public string Name => "volume-provisioning-controller";

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.WhenAll(_claims.WaitForSyncAsync(cancellationToken),
        _volumes.WaitForSyncAsync(cancellationToken), _classes.WaitForSyncAsync(cancellationToken));

    public IEnumerable<string> AllKeys() => _claims.Cache.List().Where(c => string.IsNullOrEmpty(c.Spec.VolumeName)).Select(ObjectKey.Of)
        .Concat(_volumes.Cache.List().Where(v => v.Status?.Phase == PersistentVolumes.Released).Select(ObjectKey.Of));

    public Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        if (ns.Length == 0) return _volumes.Cache.Get(null, name) is { } volume ? DeleteAsync(volume, cancellationToken) : Task.CompletedTask;
        return _claims.Cache.Get(ns, name) is { } claim ? ProvisionAsync(claim, cancellationToken) : Task.CompletedTask;
    }

    private async Task ProvisionAsync(PersistentVolumeClaim claim, CancellationToken cancellationToken)
    {
        if (claim.Metadata.DeletionTimestamp is not null || !string.IsNullOrEmpty(claim.Spec.VolumeName)) return;
        var wanted = claim.Metadata.Annotations?.GetValueOrDefault(PersistentVolumes.StorageProvisionerAnnotation);
        if (_provisioners.FirstOrDefault(p => p.Name == wanted && p.Handles(claim)) is not { } provisioner) return;
        var volumeName = VolumeNamePrefix + claim.Metadata.Uid;
        if (_volumes.Cache.Get(null, volumeName) is not null) return;
        var className = claim.Spec.StorageClassName ?? "";
        var storageClass = _classes.Cache.Get(null, className)
            ?? throw new InvalidOperationException($"claim {ObjectKey.Of(claim)}: StorageClass \"{className}\" not found");
        using var cause = KubeApiClient.CausedBy(_claims.Cache.CauseOf(claim.Metadata.Namespace, claim.Metadata.Name!));

        var source = await provisioner.ProvisionAsync(volumeName, claim, storageClass, cancellationToken);
        var volume = new PersistentVolume
        {
            Metadata = new ObjectMeta { Name = volumeName, Annotations = new() { [PersistentVolumes.ProvisionedByAnnotation] = provisioner.Name } },
            Spec = source with
            {
                Capacity = new() { ["storage"] = PersistentVolumeClaimValidation.StorageOf(claim.Spec) ?? "0" },
                AccessModes = claim.Spec.AccessModes,
                ClaimRef = new ObjectReference
                {
                    ApiVersion = "v1", Kind = "PersistentVolumeClaim", Namespace = claim.Metadata.Namespace, Name = claim.Metadata.Name,
                    Uid = claim.Metadata.Uid, ResourceVersion = claim.Metadata.ResourceVersion,
                },
                PersistentVolumeReclaimPolicy = storageClass.ReclaimPolicy ?? StorageClasses.ReclaimDelete,
                StorageClassName = storageClass.Metadata.Name,
                MountOptions = storageClass.MountOptions,
                VolumeMode = claim.Spec.VolumeMode,
            },
        };
        try
        {
            await _api.CreateAsync(ResourceKind.PersistentVolume, volume, cancellationToken);
        }
        catch (ApiException ex) when (ex.IsConflict)
        {
            // Made by an earlier pass whose answer was lost: it stands.
            return;
        }
        catch (ApiException)
        {
            // The Api refused the volume: its storage must not stay behind.
            await provisioner.DeleteAsync(volume, cancellationToken);
            throw;
        }
        LogProvisioned(provisioner.Name, volumeName, ObjectKey.Of(claim));
    }

    private async Task DeleteAsync(PersistentVolume volume, CancellationToken cancellationToken)
    {
        if (volume.Status?.Phase != PersistentVolumes.Released || volume.Spec.PersistentVolumeReclaimPolicy != StorageClasses.ReclaimDelete
            || volume.Metadata.DeletionTimestamp is not null) return;
        var by = volume.Metadata.Annotations?.GetValueOrDefault(PersistentVolumes.ProvisionedByAnnotation);
        if (_provisioners.FirstOrDefault(p => p.Name == by && p.Handles(volume)) is not { } provisioner) return;
        using var cause = KubeApiClient.CausedBy(_volumes.Cache.CauseOf(null, volume.Metadata.Name!));
        await provisioner.DeleteAsync(volume, cancellationToken);
        await _api.TryDeleteAsync<PersistentVolume>(ResourceKind.PersistentVolume, null, volume.Metadata.Name!, uid: volume.Metadata.Uid,
            cancellationToken: cancellationToken);
        LogDeleted(provisioner.Name, volume.Metadata.Name!);
    }

    [LoggerMessage(EventId = 1130, Level = LogLevel.Information, Message = "{Provisioner} provisioned volume {Volume} for claim {Claim}")]
    private partial void LogProvisioned(string provisioner, string volume, string claim);

    [LoggerMessage(EventId = 1131, Level = LogLevel.Information, Message = "{Provisioner} deleted volume {Volume} and its storage")]
    private partial void LogDeleted(string provisioner, string volume);
}

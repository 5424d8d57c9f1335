using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>StorageClasses (storage.k8s.io/v1, cluster-scoped): reclaimPolicy defaults to Delete and volumeBindingMode to
/// Immediate; only allowVolumeExpansion and mountOptions may change after creation.</summary>
public sealed class StorageClassDefinition : ResourceDefinition<StorageClass>
{
    public override IObjectEvolver<StorageClass> Evolver => StorageClassEvolver.Instance;

    public override StorageClass WithMetadata(StorageClass obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override StorageClass PrepareForCreate(StorageClass obj) => Defaults(obj);

    public override IReadOnlyList<FieldError> ValidateCreate(StorageClass obj) => StorageClassValidation.ValidateCreate(obj);

    public override StorageClass PrepareForUpdate(StorageClass old, StorageClass updated) => Defaults(updated);

    public override IReadOnlyList<FieldError> ValidateUpdate(StorageClass old, StorageClass updated) => StorageClassValidation.ValidateUpdate(old, updated);

    public override IObjectEvent Created(StorageClass obj) => new StorageClassCreated(obj);

    public override IReadOnlyList<IObjectEvent> Changes(StorageClass old, StorageClass updated)
    {
        var events = new List<IObjectEvent>();
        var metadata = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata);
        if (!metadata.IsEmpty) events.Add(new StorageClassMetadataChanged(old.Metadata.Uid!, old.Metadata.Name!, metadata));
        if (old.AllowVolumeExpansion != updated.AllowVolumeExpansion || !JsonEquals(old.MountOptions, updated.MountOptions))
            events.Add(new StorageClassSettingsChanged(old.Metadata.Uid!, old.Metadata.Name!, updated.AllowVolumeExpansion, updated.MountOptions));
        return events;
    }

    public override IObjectEvent Deleted(StorageClass obj) => new StorageClassDeleted(obj.Metadata.Uid!, obj.Metadata.Name!);

    // Kubernetes' SetDefaults_StorageClass; an empty map or list is stored as none.
    private static StorageClass Defaults(StorageClass storageClass) => storageClass with
    {
        ReclaimPolicy = storageClass.ReclaimPolicy ?? StorageClasses.ReclaimDelete,
        VolumeBindingMode = storageClass.VolumeBindingMode ?? StorageClasses.BindingImmediate,
        Parameters = storageClass.Parameters is { Count: > 0 } parameters ? parameters : null,
        MountOptions = storageClass.MountOptions is { Count: > 0 } options ? options : null,
    };
}

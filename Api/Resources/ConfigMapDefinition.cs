using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>ConfigMaps (v1): data and binaryData, no spec nor status; immutable once marked so.</summary>
public sealed class ConfigMapDefinition : ResourceDefinition<ConfigMap>
{
    public override IObjectEvolver<ConfigMap> Evolver => ConfigMapEvolver.Instance;

    public override ConfigMap WithMetadata(ConfigMap obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override ConfigMap PrepareForCreate(ConfigMap obj) => Normalized(obj);

    public override IReadOnlyList<FieldError> ValidateCreate(ConfigMap obj) => ConfigMapValidation.ValidateCreate(obj);

    public override ConfigMap PrepareForUpdate(ConfigMap old, ConfigMap updated) => Normalized(updated);

    public override IReadOnlyList<FieldError> ValidateUpdate(ConfigMap old, ConfigMap updated) => ConfigMapValidation.ValidateUpdate(old, updated);

    public override IObjectEvent Created(ConfigMap obj) => new ConfigMapCreated(obj);

    public override IReadOnlyList<IObjectEvent> Changes(ConfigMap old, ConfigMap updated)
    {
        var events = new List<IObjectEvent>();
        var (uid, ns, name) = (old.Metadata.Uid!, old.Metadata.Namespace!, old.Metadata.Name!);
        var metadata = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata);
        if (!metadata.IsEmpty) events.Add(new ConfigMapMetadataChanged(uid, ns, name, metadata));
        if (!ObjectMetaEvolution.DictionaryEquals(old.Data, updated.Data) || !ObjectMetaEvolution.DictionaryEquals(old.BinaryData, updated.BinaryData))
            events.Add(new ConfigMapDataChanged(uid, ns, name, updated.Data, updated.BinaryData));
        if (old.Immutable != updated.Immutable) events.Add(new ConfigMapImmutableChanged(uid, ns, name, updated.Immutable));
        return events;
    }

    public override IObjectEvent Deleted(ConfigMap obj) => new ConfigMapDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    // An empty map is stored as none, so "data: {}" and no data are the same object.
    private static ConfigMap Normalized(ConfigMap configMap) => configMap with
    {
        Data = configMap.Data is { Count: > 0 } data ? data : null,
        BinaryData = configMap.BinaryData is { Count: > 0 } binary ? binary : null,
    };
}

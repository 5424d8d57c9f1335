using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>LimitRanges (v1): a spec of limits, no status; Kubernetes' defaults of a Container item (default from max,
/// defaultRequest from default or min) are applied on every write.</summary>
public sealed class LimitRangeDefinition : ResourceDefinition<LimitRange>
{
    public override IObjectEvolver<LimitRange> Evolver => LimitRangeEvolver.Instance;

    public override LimitRange WithMetadata(LimitRange obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override LimitRange PrepareForCreate(LimitRange obj) => Defaulted(obj);

    public override IReadOnlyList<FieldError> ValidateCreate(LimitRange obj) => LimitRangeValidation.ValidateCreate(obj);

    public override LimitRange PrepareForUpdate(LimitRange old, LimitRange updated) => Defaulted(updated);

    public override IReadOnlyList<FieldError> ValidateUpdate(LimitRange old, LimitRange updated) => LimitRangeValidation.ValidateUpdate(old, updated);

    public override IObjectEvent Created(LimitRange obj) => new LimitRangeCreated(obj);

    public override IReadOnlyList<IObjectEvent> Changes(LimitRange old, LimitRange updated)
    {
        var events = new List<IObjectEvent>();
        var (uid, ns, name) = (old.Metadata.Uid!, old.Metadata.Namespace!, old.Metadata.Name!);
        var metadata = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata);
        if (!metadata.IsEmpty) events.Add(new LimitRangeMetadataChanged(uid, ns, name, metadata));
        if (!JsonEquals(old.Spec, updated.Spec)) events.Add(new LimitRangeSpecChanged(uid, ns, name, updated.Spec));
        return events;
    }

    public override IObjectEvent Deleted(LimitRange obj) => new LimitRangeDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    private static LimitRange Defaulted(LimitRange range) =>
        range with { Spec = range.Spec with { Limits = (range.Spec.Limits ?? []).Select(LimitRangeValidation.WithDefaults).ToList() } };
}

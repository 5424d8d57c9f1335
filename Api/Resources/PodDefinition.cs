using EventOrch.Contracts.Defaulting;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>Pods: Kubernetes' defaults and validation; an update changes metadata and the few
/// mutable spec fields, and status is written through the status subresource.</summary>
public sealed class PodDefinition : ResourceDefinition<Pod>
{
    public override IObjectEvolver<Pod> Evolver => PodEvolver.Instance;

    public override IReadOnlyDictionary<string, Func<Pod, string?>> SelectableFields { get; } = new Dictionary<string, Func<Pod, string?>>
    {
        ["spec.nodeName"] = p => p.Spec.NodeName ?? "",
        ["spec.schedulerName"] = p => p.Spec.SchedulerName ?? "",
        ["spec.restartPolicy"] = p => p.Spec.RestartPolicy ?? "",
        ["status.phase"] = p => p.Status?.Phase ?? "",
        ["status.podIP"] = p => p.Status?.PodIP ?? "",
        ["status.nominatedNodeName"] = p => p.Status?.NominatedNodeName ?? "",
    };

    public override Pod WithMetadata(Pod obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override Pod PrepareForCreate(Pod obj) => PodDefaults.Apply(obj with { Status = null });

    public override IReadOnlyList<FieldError> ValidateCreate(Pod obj) => PodValidation.ValidateCreate(obj);

    public override Pod PrepareForUpdate(Pod old, Pod updated) => PodDefaults.Apply(updated) with { Status = old.Status };

    public override IReadOnlyList<FieldError> ValidateUpdate(Pod old, Pod updated) => PodValidation.ValidateUpdate(old, updated);

    public override IObjectEvent Created(Pod obj) => new PodCreated(obj);

    public override IReadOnlyList<IObjectEvent> Changes(Pod old, Pod updated)
    {
        var events = new List<IObjectEvent>();
        var (uid, ns, name) = (old.Metadata.Uid!, old.Metadata.Namespace!, old.Metadata.Name!);
        var metadata = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata);
        if (!metadata.IsEmpty) events.Add(new PodMetadataChanged(uid, ns, name, metadata));
        if (!SpecEquals(old.Spec, updated.Spec)) events.Add(new PodSpecChanged(uid, ns, name, updated.Spec));
        return events;
    }

    public override IObjectEvent? StatusChanged(Pod old, Pod updated) =>
        Json(old.Status) == Json(updated.Status)
            ? null
            : new PodStatusChanged(old.Metadata.Uid!, old.Metadata.Namespace!, old.Metadata.Name!, updated.Status ?? new PodStatus());

    public override IObjectEvent Deleted(Pod obj) => new PodDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    // Specs hold lists and dictionaries, whose record equality is by reference; their JSON is the value.
    private static bool SpecEquals(PodSpec a, PodSpec b) => Json(a) == Json(b);

    private static string Json<TValue>(TValue value) =>
        System.Text.Json.JsonSerializer.Serialize(value, Contracts.Serialization.KubeJson.Options);
}

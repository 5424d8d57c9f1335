using EventOrch.Api.Requests;
using EventOrch.Contracts.Defaulting;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>Pods: Kubernetes' defaults and validation; an update changes metadata and the few
/// mutable spec fields, and status is written through the status subresource.</summary>
public sealed class PodDefinition(ServiceAccounts.TokenSubjects? tokenSubjects = null) : ResourceDefinition<Pod>
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

    public override Pod PrepareForCreate(Pod obj) => PodDefaults.Apply(ServiceAccounts.ServiceAccountAdmission.Default(obj with { Status = null }));

    /// <summary>ServiceAccount admission: a new pod's account must exist.</summary>
    public override async Task<ApiResult<Pod>> BeforeWriteAsync(Marten.IDocumentSession session, Pod? old, Pod obj, CancellationToken cancellationToken) =>
        old is null && await ServiceAccounts.ServiceAccountAdmission.RefuseMissingAsync(session, obj, cancellationToken) is { } refused
            ? refused
            : obj;

    /// <summary>Tokens bound to the pod are refused from its removal on.</summary>
    public override Task<Status?> BeforeDeleteAsync(Marten.IDocumentSession session, Pod obj, CancellationToken cancellationToken)
    {
        tokenSubjects?.Forget(obj.Metadata.Uid);
        return Task.FromResult<Status?>(null);
    }

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
        if (!JsonEquals(old.Spec, updated.Spec)) events.Add(new PodSpecChanged(uid, ns, name, updated.Spec));
        return events;
    }

    public override IObjectEvent? StatusChanged(Pod old, Pod updated) =>
        JsonEquals(old.Status, updated.Status)
            ? null
            : new PodStatusChanged(old.Metadata.Uid!, old.Metadata.Namespace!, old.Metadata.Name!, updated.Status ?? new PodStatus());

    public override IObjectEvent Deleted(Pod obj) => new PodDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    /// <summary>A pod on a node is deleted gracefully: its agent stops the containers within the grace period and
    /// then deletes it for good. An unbound pod, or a delete with a zero grace period, goes at once.</summary>
    public override IObjectEvent? DeleteRequested(Pod obj, long? gracePeriodSeconds, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(obj.Spec.NodeName) || gracePeriodSeconds == 0) return Deleted(obj);
        if (obj.Metadata.DeletionTimestamp is not null) return null;
        var grace = gracePeriodSeconds ?? obj.Spec.TerminationGracePeriodSeconds ?? 30;
        return new PodTerminationRequested(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!, now.AddSeconds(grace), grace);
    }

    /// <summary>The binding subresource: a pod is bound once, and not while it is being deleted.</summary>
    public static ApiResult<IObjectEvent?> Bind(Pod pod, string nodeName, DateTimeOffset now)
    {
        var name = pod.Metadata.Name!;
        if (!string.IsNullOrEmpty(pod.Spec.NodeName))
            return BindingConflict(name, $"pod {name} is already assigned to node \"{pod.Spec.NodeName}\"");
        if (pod.Metadata.DeletionTimestamp is not null)
            return BindingConflict(name, "pod is being deleted, cannot be assigned to a host");
        return new PodBound(pod.Metadata.Uid!, pod.Metadata.Namespace!, name, nodeName, now);
    }

    private static Status BindingConflict(string name, string why) => new()
    {
        Code = 409,
        Reason = StatusReasons.Conflict,
        Message = $"Operation cannot be fulfilled on pods/binding \"{name}\": {why}",
        Details = new StatusDetails { Name = name, Kind = "pods/binding" },
    };
}

using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>Folds pod events into the pod's current state.</summary>
public sealed class PodEvolver : IObjectEvolver<Pod>
{
    public static PodEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.Pod;

    public IReadOnlyList<Type> EventTypes { get; } =
        [
            typeof(PodCreated), typeof(PodMetadataChanged), typeof(PodSpecChanged), typeof(PodStatusChanged), typeof(PodBound),
            typeof(PodTerminationRequested), typeof(PodDeleted),
        ];

    public Pod? Apply(Pod? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        PodCreated e => e.Pod with { Metadata = e.Pod.Metadata.At(position) with { Generation = 1 } },
        PodDeleted => null,
        _ when current is null => null,
        PodMetadataChanged e => current with { Metadata = current.Metadata.With(e.Changes).At(position) },
        PodSpecChanged e => current with
        {
            Spec = e.Spec,
            Metadata = current.Metadata.At(position) with { Generation = (current.Metadata.Generation ?? 1) + 1 },
        },
        PodStatusChanged e => current with { Status = e.Status, Metadata = current.Metadata.At(position) },
        PodBound e => current with
        {
            Spec = current.Spec with { NodeName = e.NodeName },
            Status = (current.Status ?? new PodStatus()).WithCondition(new PodCondition
            {
                Type = PodConditions.PodScheduled,
                Status = ConditionStatuses.True,
                LastTransitionTime = e.Time,
            }),
            Metadata = current.Metadata.At(position),
        },
        PodTerminationRequested e => current with
        {
            Metadata = current.Metadata.At(position) with
            {
                DeletionTimestamp = e.DeletionTimestamp,
                DeletionGracePeriodSeconds = e.GracePeriodSeconds,
            },
        },
        _ => current,
    };
}

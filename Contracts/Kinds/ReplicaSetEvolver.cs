using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>Folds ReplicaSet events into the ReplicaSet's current state.</summary>
public sealed class ReplicaSetEvolver : IObjectEvolver<ReplicaSet>
{
    public static ReplicaSetEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.ReplicaSet;

    public IReadOnlyList<Type> EventTypes { get; } =
        [typeof(ReplicaSetCreated), typeof(ReplicaSetMetadataChanged), typeof(ReplicaSetSpecChanged), typeof(ReplicaSetStatusChanged), typeof(ReplicaSetDeleted)];

    public ReplicaSet? Apply(ReplicaSet? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        ReplicaSetCreated e => e.ReplicaSet with { Metadata = e.ReplicaSet.Metadata.At(position) with { Generation = 1 } },
        ReplicaSetDeleted => null,
        _ when current is null => null,
        ReplicaSetMetadataChanged e => current with { Metadata = current.Metadata.With(e.Changes).At(position) },
        ReplicaSetSpecChanged e => current with
        {
            Spec = e.Spec,
            Metadata = current.Metadata.At(position) with { Generation = (current.Metadata.Generation ?? 1) + 1 },
        },
        ReplicaSetStatusChanged e => current with { Status = e.Status, Metadata = current.Metadata.At(position) },
        _ => current,
    };
}

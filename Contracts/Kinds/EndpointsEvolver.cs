using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>Folds Endpoints events into the object's current state.</summary>
public sealed class EndpointsEvolver : IObjectEvolver<Endpoints>
{
    public static EndpointsEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.Endpoints;

    public IReadOnlyList<Type> EventTypes { get; } =
        [typeof(EndpointsCreated), typeof(EndpointsMetadataChanged), typeof(EndpointsSubsetsChanged), typeof(EndpointsDeleted)];

    public Endpoints? Apply(Endpoints? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        EndpointsCreated e => e.Endpoints with { Metadata = e.Endpoints.Metadata.At(position) },
        EndpointsDeleted => null,
        _ when current is null => null,
        EndpointsMetadataChanged e => current with { Metadata = current.Metadata.With(e.Changes).At(position) },
        EndpointsSubsetsChanged e => current with { Subsets = e.Subsets.Count == 0 ? null : e.Subsets, Metadata = current.Metadata.At(position) },
        _ => current,
    };
}

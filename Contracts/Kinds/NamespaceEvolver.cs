using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>Folds namespace events into the namespace's current state.</summary>
public sealed class NamespaceEvolver : IObjectEvolver<Namespace>
{
    public static NamespaceEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.Namespace;

    public IReadOnlyList<Type> EventTypes { get; } =
        [typeof(NamespaceCreated), typeof(NamespaceMetadataChanged), typeof(NamespaceFinalized), typeof(NamespaceStatusChanged), typeof(NamespaceDeleted)];

    public Namespace? Apply(Namespace? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        NamespaceCreated e => e.Object with { Metadata = e.Object.Metadata.At(position) },
        NamespaceDeleted => null,
        _ when current is null => null,
        NamespaceMetadataChanged e => Phased(current with { Metadata = current.Metadata.With(e.Changes).At(position) }),
        NamespaceFinalized e => current with
        {
            Metadata = current.Metadata.At(position),
            Spec = (current.Spec ?? new NamespaceSpec()) with { Finalizers = e.Finalizers.Count == 0 ? null : e.Finalizers },
        },
        NamespaceStatusChanged e => current with
        {
            Metadata = current.Metadata.At(position),
            Status = (current.Status ?? new NamespaceStatus()) with { Conditions = e.Conditions is { Count: > 0 } ? e.Conditions : null },
        },
        _ => current,
    };

    // A namespace whose deletion has begun is Terminating, whatever holds it back.
    private static Namespace Phased(Namespace ns) => ns.Metadata.DeletionTimestamp is null
        ? ns
        : ns with { Status = (ns.Status ?? new NamespaceStatus()) with { Phase = NamespacePhases.Terminating } };
}

using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>Folds namespace events into the namespace's current state.</summary>
public sealed class NamespaceEvolver : IObjectEvolver<Namespace>
{
    public static NamespaceEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.Namespace;

    public IReadOnlyList<Type> EventTypes { get; } =
        [typeof(NamespaceCreated), typeof(NamespaceMetadataChanged), typeof(NamespaceDeleted)];

    public Namespace? Apply(Namespace? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        NamespaceCreated e => e.Object with { Metadata = e.Object.Metadata.At(position) },
        NamespaceDeleted => null,
        _ when current is null => null,
        NamespaceMetadataChanged e => current with { Metadata = current.Metadata.With(e.Changes).At(position) },
        _ => current,
    };
}

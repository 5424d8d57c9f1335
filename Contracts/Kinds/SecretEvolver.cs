using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>Folds Secret events into the object's current state, as stored: its data and annotations stay sealed (only
/// the Api, which holds the keys, opens them).</summary>
public sealed class SecretEvolver : IObjectEvolver<Secret>
{
    public static SecretEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.Secret;

    public IReadOnlyList<Type> EventTypes { get; } =
    [
        typeof(SecretCreated), typeof(SecretMetadataChanged), typeof(SecretDataChanged), typeof(SecretImmutableChanged), typeof(SecretDeleted),
    ];

    public Secret? Apply(Secret? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        SecretCreated e => e.Secret with { Metadata = e.Secret.Metadata.At(position) },
        SecretDeleted => null,
        _ when current is null => null,
        SecretMetadataChanged e => current with { Metadata = current.Metadata.With(e.Changes).At(position) },
        // The new seal replaces data and annotations whole, whatever form (sealed or opened) the state had.
        SecretDataChanged e => current with
        {
            Data = null,
            Sealed = e.Sealed,
            Metadata = current.Metadata.At(position) with { Annotations = null },
        },
        SecretImmutableChanged e => current with { Immutable = e.Immutable, Metadata = current.Metadata.At(position) },
        _ => current,
    };
}

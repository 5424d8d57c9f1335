using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

// A Secret's events never carry its data nor its annotations in the clear: those travel sealed (SealedData), so
// neither the event store, nor its projections, nor the bus hold them readable. Components that need the values
// (the node agent) read the Secret through the Api, which opens it.

/// <summary>A Secret was created, as stored: type, immutable and metadata in the clear (annotations excepted), data
/// and annotations in <see cref="Model.Secret.Sealed"/>.</summary>
public sealed record SecretCreated(Secret Secret) : ICreatedEvent<Secret>
{
    [JsonIgnore] public string Uid => Secret.Metadata.Uid!;
    [JsonIgnore] public string Namespace => Secret.Metadata.Namespace!;
    [JsonIgnore] public string Name => Secret.Metadata.Name!;
    Secret ICreatedEvent<Secret>.Object => Secret;
}

/// <summary>A Secret's labels, owner references or finalizers changed, or its deletion began and waits for
/// finalizers. Never its annotations: those change with <see cref="SecretDataChanged"/>.</summary>
public sealed record SecretMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>A Secret's sealed part was written again: its data or its annotations changed, or it was sealed anew
/// under the current encryption key. <paramref name="Sealed"/> replaces the previous one whole.</summary>
public sealed record SecretDataChanged(string Uid, string Namespace, string Name, SealedData Sealed) : IObjectEvent;

/// <summary>A Secret's immutable field changed (once true, it never changes again).</summary>
public sealed record SecretImmutableChanged(string Uid, string Namespace, string Name, bool? Immutable) : IObjectEvent;

/// <summary>A Secret was deleted.</summary>
public sealed record SecretDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;

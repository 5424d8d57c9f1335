using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

/// <summary>A ServiceAccount was created, as stored (uid and creation time set).</summary>
public sealed record ServiceAccountCreated(ServiceAccount ServiceAccount) : ICreatedEvent<ServiceAccount>
{
    [JsonIgnore] public string Uid => ServiceAccount.Metadata.Uid!;
    [JsonIgnore] public string Namespace => ServiceAccount.Metadata.Namespace!;
    [JsonIgnore] public string Name => ServiceAccount.Metadata.Name!;
    ServiceAccount ICreatedEvent<ServiceAccount>.Object => ServiceAccount;
}

/// <summary>A ServiceAccount's labels, annotations, owner references or finalizers changed, or its deletion began and
/// waits for finalizers.</summary>
public sealed record ServiceAccountMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>A ServiceAccount's secrets, imagePullSecrets or automountServiceAccountToken changed: all three are given
/// whole.</summary>
public sealed record ServiceAccountChanged(string Uid, string Namespace, string Name, List<ObjectReference>? Secrets,
    List<LocalObjectReference>? ImagePullSecrets, bool? AutomountServiceAccountToken) : IObjectEvent;

/// <summary>A ServiceAccount was deleted: every token issued for it is refused from then on.</summary>
public sealed record ServiceAccountDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;

using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

// WebhookSubscriptions are cluster-scoped: their events carry no namespace.

/// <summary>A WebhookSubscription was created, as stored (secretRef.key defaulted).</summary>
public sealed record WebhookSubscriptionCreated(WebhookSubscription Subscription) : ICreatedEvent<WebhookSubscription>
{
    [JsonIgnore] public string Uid => Subscription.Metadata.Uid!;
    [JsonIgnore] public string Namespace => "";
    [JsonIgnore] public string Name => Subscription.Metadata.Name!;
    WebhookSubscription ICreatedEvent<WebhookSubscription>.Object => Subscription;
}

/// <summary>A WebhookSubscription's labels, annotations, owner references or finalizers changed, or its deletion began.</summary>
public sealed record WebhookSubscriptionMetadataChanged(string Uid, string Name, MetadataChanges Changes) : IMetadataChangedEvent
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A WebhookSubscription's URL, key, filters or delivery settings changed (given whole).</summary>
public sealed record WebhookSubscriptionSpecChanged(string Uid, string Name, WebhookSubscriptionSpec Spec) : ISpecChangedEvent<WebhookSubscriptionSpec>
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>How a WebhookSubscription's deliveries go, as the webhook dispatcher reports it (throttled). Never delivered
/// to any subscription: the deliveries' own bookkeeping would otherwise feed itself.</summary>
public sealed record WebhookSubscriptionStatusChanged(string Uid, string Name, WebhookSubscriptionStatus Status)
    : IStatusChangedEvent<WebhookSubscriptionStatus>
{
    [JsonIgnore] public string Namespace => "";
}

/// <summary>A WebhookSubscription was deleted; its pending deliveries and dead letters go with it.</summary>
public sealed record WebhookSubscriptionDeleted(string Uid, string Name) : IDeletedEvent
{
    [JsonIgnore] public string Namespace => "";
}

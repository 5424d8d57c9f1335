using EventOrch.Api.Webhooks;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>WebhookSubscriptions (eventorch.io/v1, cluster-scoped): secretRef.key defaults to "key"; the filters may
/// name only kinds and event types the Api stores. The status belongs to the webhook dispatcher.</summary>
public sealed class WebhookSubscriptionDefinition(EventCatalog catalog)
    : SpecStatusDefinition<WebhookSubscription, WebhookSubscriptionSpec, WebhookSubscriptionStatus>
{
    public override IObjectEvolver<WebhookSubscription> Evolver => WebhookSubscriptionEvolver.Instance;

    public override IReadOnlyDictionary<string, Func<WebhookSubscription, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<WebhookSubscription, string?>> { ["spec.url"] = s => s.Spec.Url };

    public override WebhookSubscription WithMetadata(WebhookSubscription obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override IReadOnlyList<FieldError> ValidateCreate(WebhookSubscription obj) =>
        WebhookSubscriptionValidation.ValidateCreate(obj, catalog.Kinds, catalog.EventTypes);

    public override IReadOnlyList<FieldError> ValidateUpdate(WebhookSubscription old, WebhookSubscription updated) =>
        WebhookSubscriptionValidation.ValidateUpdate(old, updated, catalog.Kinds, catalog.EventTypes);

    public override IReadOnlyList<FieldError> ValidateStatus(WebhookSubscription updated) => WebhookSubscriptionValidation.ValidateStatus(updated.Status);

    public override IObjectEvent Created(WebhookSubscription obj) => new WebhookSubscriptionCreated(obj);

    public override IObjectEvent Deleted(WebhookSubscription obj) => new WebhookSubscriptionDeleted(obj.Metadata.Uid!, obj.Metadata.Name!);

    protected override WebhookSubscriptionSpec SpecOf(WebhookSubscription obj) => obj.Spec;

    protected override WebhookSubscriptionStatus? StatusOf(WebhookSubscription obj) => obj.Status;

    protected override WebhookSubscription With(WebhookSubscription obj, WebhookSubscriptionSpec spec, WebhookSubscriptionStatus? status) =>
        obj with { Spec = spec, Status = status };

    protected override IObjectEvent MetadataChanged(string uid, string ns, string name, MetadataChanges changes) =>
        new WebhookSubscriptionMetadataChanged(uid, name, changes);

    protected override IObjectEvent SpecChanged(string uid, string ns, string name, WebhookSubscriptionSpec spec) =>
        new WebhookSubscriptionSpecChanged(uid, name, spec);

    protected override IObjectEvent StatusChanged(string uid, string ns, string name, WebhookSubscriptionStatus status) =>
        new WebhookSubscriptionStatusChanged(uid, name, status);

    protected override WebhookSubscription Defaults(WebhookSubscription subscription) =>
        subscription.Spec.SecretRef is { Key: null } reference
            ? subscription with { Spec = subscription.Spec with { SecretRef = reference with { Key = WebhookConditions.DefaultSecretKey } } }
            : subscription;
}

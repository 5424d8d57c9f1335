using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>The evolver of WebhookSubscriptions: a spec, and a status the webhook dispatcher writes.</summary>
public static class WebhookSubscriptionEvolver
{
    public static SpecStatusEvolver<WebhookSubscription, WebhookSubscriptionSpec, WebhookSubscriptionStatus> Instance { get; } = new(
        ResourceKind.WebhookSubscription,
        [
            typeof(WebhookSubscriptionCreated), typeof(WebhookSubscriptionMetadataChanged), typeof(WebhookSubscriptionSpecChanged),
            typeof(WebhookSubscriptionStatusChanged), typeof(WebhookSubscriptionDeleted),
        ],
        (o, meta) => o with { Metadata = meta }, (o, spec) => o with { Spec = spec }, (o, status) => o with { Status = status });
}

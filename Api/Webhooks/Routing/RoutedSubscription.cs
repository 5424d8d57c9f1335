using EventOrch.Contracts.Webhooks;

namespace EventOrch.Api.Webhooks.Routing;

/// <summary>A subscription as the router sees it: its filters, and the sequence of its create (it is given no event
/// committed before it existed).</summary>
public sealed record RoutedSubscription(Guid Uid, string Name, long CreatedSequence, long Version, WebhookFilter Filter);

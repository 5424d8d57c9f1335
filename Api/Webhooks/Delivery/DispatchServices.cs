using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;
using Marten;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Webhooks.Delivery;

/// <summary>What every subscription's sender and status reporter use.</summary>
public sealed class DispatchServices(
    IDocumentStore store,
    DeliveryQueue queue,
    SigningKeys keys,
    WebhookSender sender,
    ObjectStore<WebhookSubscription> subscriptions,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public IDocumentStore Store => store;
    public DeliveryQueue Queue => queue;
    public SigningKeys Keys => keys;
    public WebhookSender Sender => sender;
    public ObjectStore<WebhookSubscription> Subscriptions => subscriptions;
    public WebhookOptions Options => options.Value;
    public TimeProvider Time => time;
    public ILoggerFactory Loggers => loggers;

    /// <summary>The jitter of back-off waits.</summary>
    public Random Random { get; } = Random.Shared;
}

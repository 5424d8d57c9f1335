using System.Globalization;
using EventOrch.Contracts.Events;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;

namespace EventOrch.Api.Relay;

/// <summary>Publishes every committed event to RabbitMQ, in commit order, at least once. It is a Marten
/// subscription: its checkpoint advances only after a page has been published and confirmed by the broker,
/// so a crash or a broker outage delays delivery but never loses an event. One Api instance runs it at a time.</summary>
public sealed partial class EventRelay : SubscriptionBase
{
    private readonly IBus bus;
    private readonly TimeProvider time;
    private readonly ILogger<EventRelay> logger;

    public EventRelay(IBus bus, TimeProvider time, ILogger<EventRelay> logger)
    {
        this.bus = bus;
        this.time = time;
        this.logger = logger;
        Name = "relay";
        Options.BatchSize = 500;
    }

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // Marten's tombstones (sequence numbers of failed transactions) are not facts about objects.
        foreach (var e in page.Events.Where(e => e.Data is IObjectEvent)) await PublishUntilConfirmedAsync(e, cancellationToken);
        return NullChangeListener.Instance;
    }

    // One event at a time: MassTransit does not promise that concurrent publishes reach the broker in the
    // order they were started (a cold exchange's declaration can let later ones overtake), and order matters.
    private async Task PublishUntilConfirmedAsync(IEvent e, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(AttemptTimeout);
            try
            {
                await bus.Publish(e.Data, e.EventType, context => Stamp(context, e), timeout.Token);
                if (attempt > 1) LogRecovered(e.Sequence, attempt);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogPublishFailed(ex, e.Sequence, e.EventTypeName, attempt);
                await Task.Delay(backoff, time, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private static void Stamp(PublishContext context, IEvent e)
    {
        context.MessageId = e.Id;
        context.Durable = true;
        if (Guid.TryParse(e.CorrelationId, out var correlation)) context.CorrelationId = correlation;
        context.Headers.Set(EventHeaders.Sequence, e.Sequence.ToString(CultureInfo.InvariantCulture));
        context.Headers.Set(EventHeaders.StreamVersion, e.Version.ToString(CultureInfo.InvariantCulture));
        context.Headers.Set(EventHeaders.StreamId, e.StreamId.ToString());
        context.Headers.Set(EventHeaders.Timestamp, e.Timestamp.ToString("O", CultureInfo.InvariantCulture));
        if (e.CorrelationId is { Length: > 0 }) context.Headers.Set(EventHeaders.CorrelationId, e.CorrelationId);
        if (e.CausationId is { Length: > 0 }) context.Headers.Set(EventHeaders.CausationId, e.CausationId);
        if (e.UserName is { Length: > 0 }) context.Headers.Set(EventHeaders.User, e.UserName);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Publishing event {Sequence} ({EventType}) failed on attempt {Attempt}; retrying")]
    private partial void LogPublishFailed(Exception exception, long sequence, string eventType, int attempt);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Event {Sequence} published after {Attempt} attempts; the relay has caught up with the broker")]
    private partial void LogRecovered(long sequence, int attempt);
}

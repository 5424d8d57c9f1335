using EventOrch.Api.Storage;
using EventOrch.Api.Watch;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Services;
using Marten.Subscriptions;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Webhooks.Routing;

/// <summary>Turns committed events into delivery rows, in sequence order, one row per (subscription, event) the
/// subscription's filters let through. It is a Marten subscription run by the async daemon, so one Api instance routes at
/// a time (the daemon's leadership), and the rows are written in the transaction that moves its checkpoint: every event
/// is routed exactly once, even across a crash. Sending is the dispatcher's job.</summary>
/// <remarks>The store and the event feed are resolved when the first page comes: the daemon builds this subscription
/// while the store itself is being built.</remarks>
public sealed partial class WebhookRouter : SubscriptionBase
{
    public const string SubscriptionName = "webhooks";
    private const int RememberedObjects = 5_000;
    private static readonly TimeSpan MaxReadBackoff = TimeSpan.FromSeconds(5);

    private readonly IServiceProvider _services;
    private readonly EventCatalog _catalog;
    private readonly DeliveryBody _bodies;
    private readonly string _table;
    private readonly string _schema;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookRouter> _logger;
    private readonly SubscriptionTable _subscriptions = new();
    private readonly ObjectStates _objects = new(RememberedObjects);
    // The ceiling of the last page whose transaction committed; a page that does not follow it (a retried page, or pages
    // another instance routed while this one was not leading) means the memory above is stale.
    private long _committed = -1;

    public WebhookRouter(IServiceProvider services, EventCatalog catalog, DeliveryBody bodies, IOptions<EventStoreOptions> store, TimeProvider time,
        ILogger<WebhookRouter> logger)
    {
        _services = services;
        _catalog = catalog;
        _bodies = bodies;
        _schema = store.Value.Schema;
        _table = WebhookStorage.QualifiedName(_schema);
        _time = time;
        _logger = logger;
        Name = SubscriptionName;
        // From the store's first event, as the relay: starting "from the present" would skip what is committed between
        // a subscription's create and the daemon's start. With no subscription, an event costs a dictionary lookup.
        Options.BatchSize = 500;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // The floor is exclusive: a page that follows the last committed one starts where that one ended.
        if (page.SequenceFloor != Volatile.Read(ref _committed))
        {
            _objects.Clear();
            await RetryingAsync(LoadSubscriptionsAsync, cancellationToken);
        }
        var woken = new HashSet<Guid>();
        var now = _time.GetUtcNow();
        foreach (var e in page.Events)
        {
            if (e.Data is not IObjectEvent data || _catalog.KindOf(e.EventType) is not { } kind) continue;
            var position = new EventPosition(e.Sequence, e.Version, e.Timestamp, e.Id);
            if (data is WebhookSubscriptionStatusChanged)
            {
                // The dispatcher's own bookkeeping: never delivered, or two subscriptions would report each other forever.
                _subscriptions.Apply(e.StreamId, data, position);
                _objects.Remember(e.StreamId, -1, null);
                continue;
            }
            if (kind.Kind == Contracts.Kinds.ResourceKind.WebhookSubscription && _subscriptions.Apply(e.StreamId, data, position))
                operations.QueueSqlCommand($"delete from {_table} where subscription_uid = ?", e.StreamId);

            var candidates = _subscriptions.Candidates(e.EventType.Name, kind.Kind.Kind, data.Namespace ?? "", e.Sequence);
            if (!_objects.TryAdvance(e.StreamId, data, position, kind, out var before, out var after))
            {
                if (candidates.Count == 0) continue;
                // A create has nothing before it; anything else starts from the stream read up to the event before.
                before = e.Version == 1 ? null : await RetryingAsync(ct => Feed.RebuildAsync(kind, e.StreamId, e.Version - 1, ct), cancellationToken);
                after = kind.Apply(before, data, position);
                _objects.Remember(e.StreamId, e.Version, after);
            }
            // A delete is sent with the object as it was, at the delete's resourceVersion, as a watch sends it.
            var sent = after ?? (before is null ? null : kind.WithResourceVersion(before, e.Sequence));
            foreach (var subscription in candidates)
            {
                if (!subscription.Filter.MatchesLabels(sent?.Metadata.Labels)) continue;
                var id = DeliveryIds.For(subscription.Uid, e.Id);
                operations.QueueSqlCommand(
                    $"""
                    insert into {_table} (id, subscription_uid, sequence, event_id, event_type, object_kind, object_namespace, object_name,
                        object_uid, body, state, attempts, created_at, next_attempt_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{DeliveryStates.Pending}', 0, ?, ?) on conflict (id) do nothing
                    """,
                    id, subscription.Uid, e.Sequence, e.Id, e.EventType.Name, kind.Kind.Kind, data.Namespace ?? "", data.Name, e.StreamId,
                    _bodies.Build(id, subscription, e, kind.Kind, sent), now, now);
                woken.Add(subscription.Uid);
            }
        }
        if (woken.Count > 0)
        {
            operations.QueueSqlCommand("select pg_notify(?, ?)", WebhookStorage.Channel, WakeUp.Payload(_schema, woken));
            LogRouted(woken.Count, page.SequenceFloor, page.SequenceCeiling);
        }
        return new Committed(this, page.SequenceCeiling);
    }

    private EventFeed Feed => _services.GetRequiredService<EventFeed>();

    private async Task LoadSubscriptionsAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Clear();
        await using var session = _services.GetRequiredService<IDocumentStore>().QuerySession();
        var records = await session.Query<ObjectRecord<WebhookSubscription>>().ToListAsync(cancellationToken);
        // The sequence of every subscription's create, in one read.
        var uids = records.Select(r => r.Id).ToArray();
        var creates = uids.Length == 0 ? [] : await session.Events.QueryAllRawEvents()
            .Where(x => x.Version == 1 && x.StreamId.IsOneOf(uids))
            .ToListAsync(cancellationToken);
        var created = creates.ToDictionary(e => e.StreamId, e => e.Sequence);
        foreach (var record in records) _subscriptions.Load(record.Object, record.Version, created.GetValueOrDefault(record.Id));
        LogLoaded(records.Count);
    }

    // A read that fails (the database restarting, say) is tried again rather than failing the page: the daemon would skip
    // or stop a subscription whose page throws.
    private async Task<T> RetryingAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogReadFailed(ex, attempt);
                await Task.Delay(backoff, _time, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxReadBackoff.Ticks));
            }
        }
    }

    private Task RetryingAsync(Func<CancellationToken, Task> read, CancellationToken cancellationToken) =>
        RetryingAsync(async ct =>
        {
            await read(ct);
            return true;
        }, cancellationToken);

    /// <summary>Notes the page's ceiling once its transaction (rows and checkpoint) has committed.</summary>
    private sealed class Committed(WebhookRouter router, long ceiling) : IChangeListener
    {
        public Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            Volatile.Write(ref router._committed, ceiling);
            return Task.CompletedTask;
        }

        public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Webhook router loaded {Count} subscriptions")]
    private partial void LogLoaded(int count);

    [LoggerMessage(EventId = 701, Level = LogLevel.Debug, Message = "Routed events {Floor}..{Ceiling} to {Subscriptions} subscriptions")]
    private partial void LogRouted(int subscriptions, long floor, long ceiling);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Webhook router read failed on attempt {Attempt}; retrying")]
    private partial void LogReadFailed(Exception exception, int attempt);
}

using System.Globalization;
using System.Threading.Channels;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventOrch.ClientRuntime.Informers;

/// <summary>Keeps an <see cref="InformerCache{T}"/> in step with the Api: lists once, then folds in events
/// from the component's queue; refetches an object when its events show a gap, relists after a reconnect,
/// and resyncs periodically, so a lost, duplicated or reordered message can delay but never corrupt the cache.</summary>
public sealed partial class Informer<T>(
    InformerCache<T> cache,
    IObjectEvolver<T> evolver,
    KubeApiClient api,
    IOptions<InformerOptions> options,
    TimeProvider time,
    ILogger<Informer<T>> logger) : BackgroundService, IInformer where T : class, IKubeObject
{
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<(string? Namespace, string Name)?> _work = Channel.CreateUnbounded<(string?, string)?>();
    private long _relists, _refetches;

    public InformerCache<T> Cache => cache;
    public string Resource => evolver.Kind.Plural;
    public int Count => cache.Count;
    public bool HasSynced => _synced.Task.IsCompleted;
    public DateTimeOffset? LastListedAt { get; private set; }
    public long Relists => Interlocked.Read(ref _relists);
    public long Refetches => Interlocked.Read(ref _refetches);

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    public void RequestRelist() => _work.Writer.TryWrite(null);

    /// <summary>Folds an event from the bus into the cache; a gap, or an event without position headers, refetches the object.</summary>
    public async Task HandleAsync(IObjectEvent @event, long? sequence, long? version, DateTimeOffset timestamp, CancellationToken cancellationToken,
        Guid? eventId = null)
    {
        await WaitForSyncAsync(cancellationToken);
        var outcome = sequence is { } s && version is { } v
            ? cache.Apply(@event, new EventPosition(s, v, timestamp, eventId))
            : ApplyOutcome.Gap;
        if (outcome == ApplyOutcome.Gap)
        {
            LogGap(Resource, @event.Namespace, @event.Name, sequence ?? 0);
            _work.Writer.TryWrite((evolver.Kind.Namespaced ? @event.Namespace : null, @event.Name));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RelistAsync(stoppingToken);
        using var resync = new PeriodicTimer(options.Value.ResyncPeriod, time);
        var tick = resync.WaitForNextTickAsync(stoppingToken).AsTask();
        while (!stoppingToken.IsCancellationRequested)
        {
            var read = _work.Reader.WaitToReadAsync(stoppingToken).AsTask();
            if (await Task.WhenAny(tick, read) == tick)
            {
                if (!await tick) break;
                tick = resync.WaitForNextTickAsync(stoppingToken).AsTask();
                await RelistAsync(stoppingToken);
                continue;
            }
            if (!await read) break;
            var relist = false;
            var refetch = new HashSet<(string?, string)>();
            while (_work.Reader.TryRead(out var item))
            {
                if (item is { } key) refetch.Add(key);
                else relist = true;
            }
            if (relist) await RelistAsync(stoppingToken);
            else foreach (var key in refetch) await RefetchAsync(key.Item1, key.Item2, stoppingToken);
        }
    }

    private async Task RelistAsync(CancellationToken cancellationToken)
    {
        await RetryAsync(async () =>
        {
            var list = await api.ListAsync<T>(evolver.Kind, cancellationToken: cancellationToken);
            var version = long.TryParse(list.Metadata.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;
            cache.Replace(list.Items, version);
            LastListedAt = time.GetUtcNow();
            Interlocked.Increment(ref _relists);
            LogListed(Resource, cache.Count, version);
        }, "list", cancellationToken);
        _synced.TrySetResult();
    }

    private ValueTask RefetchAsync(string? @namespace, string name, CancellationToken cancellationToken) =>
        RetryAsync(async () =>
        {
            cache.Refresh(@namespace, name, await api.GetAsync<T>(evolver.Kind, @namespace, name, cancellationToken));
            Interlocked.Increment(ref _refetches);
        }, "get", cancellationToken);

    private ValueTask RetryAsync(Func<Task> action, string what, CancellationToken cancellationToken) =>
        ApiRetry.UntilDone(time, options.Value.MaxBackoff, (ex, delay) => LogApiFailed(ex, what, Resource, delay))
            .ExecuteAsync(async _ => await action(), cancellationToken);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Listed {Resource}: {Count} in cache at resourceVersion {ResourceVersion}")]
    private partial void LogListed(string resource, int count, long resourceVersion);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Gap before event {Sequence} of {Resource} {Namespace}/{Name}: refetching it")]
    private partial void LogGap(string resource, string @namespace, string name, long sequence);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Could not {What} {Resource} from the Api; retrying in {Backoff}")]
    private partial void LogApiFailed(Exception exception, string what, string resource, TimeSpan backoff);
}

using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using JasperFx.Events;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Watch;

/// <summary>The Api's watch cache: it follows the event store in global sequence order, folds each event into the
/// current objects of its kind, keeps the most recent changes for watches that resume from a resourceVersion, and hands
/// every change to the watches of its kind. One per Api process, fed by the store only, so every Api instance serves
/// the same watch from its own copy.</summary>
/// <remarks>Ordering: the cache advances over the sequence one number at a time, holding before a hole until it fills
/// (see <see cref="SequenceGaps"/>). It does not use Marten's own high-water mark (mt_event_progression
/// 'HighWaterMark'): that row is written by the async daemon of the one Api instance that holds the daemon's leadership
/// (HotCold), so another instance would only see it by polling, a detection cycle behind every commit, not at all while
/// leadership changes hands, and without learning which numbers the daemon skipped. Reading mt_events directly,
/// woken by Marten's append notification, keeps every instance milliseconds behind a commit and lets it notice a
/// skipped number that commits after all: the cache then reloads from the store and ends every watch, as
/// kube-apiserver does when its watch cache is reinitialised, and clients resume or list again.</remarks>
public sealed partial class WatchCache : BackgroundService, ISequenceFollower
{
    private const int BatchSize = 500;
    // How far below the newest event a reload looks for holes still being filled.
    private const int HoleWindow = 1_000;
    private static readonly TimeSpan GapPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan PassedRetention = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyList<IWatchedKind> _kinds;
    private readonly EventFeed _feed;
    private readonly AppendListener _listener;
    private readonly WatchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WatchCache> _logger;

    private readonly Lock _gate = new();
    private readonly CurrentObjects _objects;
    private readonly ChangeHistory _history;
    private readonly SequenceGaps _gaps;
    private readonly Dictionary<Type, List<Watcher>> _watchers = [];
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _resourceVersion;

    public WatchCache(IEnumerable<IWatchedKind> kinds, EventFeed feed, AppendListener listener, IOptions<WatchOptions> options,
        TimeProvider time, ILogger<WatchCache> logger)
    {
        _kinds = [.. kinds];
        _feed = feed;
        _listener = listener;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _objects = new CurrentObjects(_kinds);
        _history = new ChangeHistory(_options.HistorySize);
        _gaps = new SequenceGaps(_options.GapTimeout, PassedRetention);
    }

    /// <summary>The sequence number the cache has reached: every event up to it has been handed to the watches.</summary>
    public long ResourceVersion => Volatile.Read(ref _resourceVersion);

    /// <summary>The newest committed sequence number in the store (where a watch without a resourceVersion starts).</summary>
    public Task<long> StoreResourceVersionAsync(CancellationToken cancellationToken) => _feed.NewestSequenceAsync(cancellationToken);

    /// <summary>Waits until the cache has loaded the store and reached <paramref name="resourceVersion"/>; false when
    /// <paramref name="limit"/> passes first.</summary>
    public async Task<bool> WaitForAsync(long resourceVersion, TimeSpan limit, CancellationToken cancellationToken)
    {
        if (_ready.Task.IsCompleted && ResourceVersion >= resourceVersion) return true;
        using var deadline = new CancellationTokenSource(limit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await _ready.Task.WaitAsync(linked.Token);
            while (true)
            {
                Task progressed;
                lock (_gate)
                {
                    if (_resourceVersion >= resourceVersion) return true;
                    progressed = _progress.Task;
                }
                await progressed.WaitAsync(linked.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Waits, up to <see cref="WatchOptions.CatchUpWait"/>, for the cache to reach <paramref name="sequence"/>.</summary>
    Task<bool> ISequenceFollower.WaitForAsync(long sequence, CancellationToken cancellationToken) =>
        WaitForAsync(sequence, _options.CatchUpWait, cancellationToken);

    /// <summary>How many watches are open.</summary>
    public int WatchCount
    {
        get
        {
            lock (_gate) return _watchers.Values.Sum(w => w.Count);
        }
    }

    /// <summary>Starts a watch of <paramref name="kind"/>: from the current objects (in <paramref name="namespace"/>, or
    /// every namespace) when <paramref name="after"/> is null, otherwise from the changes after that resourceVersion,
    /// which is 410 Expired when they are no longer all held. <paramref name="withObjects"/> false starts from now.</summary>
    public ApiResult<WatchSubscription> Subscribe(Type kind, string? @namespace, long? after, bool withObjects)
    {
        lock (_gate)
        {
            IReadOnlyList<IKubeObject> objects = [];
            IReadOnlyList<ObjectChange> backlog = [];
            var start = _resourceVersion;
            if (after is { } resourceVersion)
            {
                if (!_history.TryGetSince(resourceVersion, out var since))
                    return ApiErrors.Expired($"too old resource version: {resourceVersion} ({_history.Horizon})");
                backlog = [.. since.Where(c => c.Kind == kind)];
                start = Math.Max(resourceVersion, start);
            }
            else if (withObjects)
            {
                objects = _objects.Current(kind, @namespace);
            }
            var watcher = new Watcher(kind, _options.QueueLength);
            if (!_watchers.TryGetValue(kind, out var watchers)) _watchers[kind] = watchers = [];
            watchers.Add(watcher);
            return new WatchSubscription(this, watcher, start, objects, backlog);
        }
    }

    internal void Unsubscribe(Watcher watcher)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(watcher.Kind, out var watchers)) watchers.Remove(watcher);
            watcher.End();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listening = _listener.RunAsync(Wake, stoppingToken);
        try
        {
            await LoadAsync(endWatches: false, stoppingToken);
            _ready.TrySetResult();
            LogReady(_resourceVersion, _kinds.Count);
            while (!stoppingToken.IsCancellationRequested)
            {
                var next = await FollowOnceAsync(stoppingToken);
                if (next == Next.More) continue;
                await _wake.WaitAsync(next == Next.HeldAtGap ? GapPoll : _options.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            EndAllWatches();
            await listening;
        }
    }

    private enum Next
    {
        More,
        Idle,
        HeldAtGap,
    }

    private void Wake()
    {
        if (_wake.CurrentCount > 0) return;
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another notification got there first: one wake-up is enough.
        }
    }

    private async Task<Next> FollowOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = _time.GetUtcNow();
            var passed = _gaps.Passed(now);
            if (passed.Count > 0 && await _feed.CommittedAsync(passed, cancellationToken) is { Count: > 0 } late)
            {
                LogLateCommit(late[0], late.Count);
                await LoadAsync(endWatches: true, cancellationToken);
                return Next.More;
            }

            var events = await _feed.ReadAfterAsync(_resourceVersion, BatchSize, cancellationToken);
            foreach (var e in events)
            {
                var expected = _resourceVersion + 1;
                if (e.Sequence > expected)
                {
                    if (!_gaps.MayPass(expected, now)) return Next.HeldAtGap;
                    _gaps.Pass(expected, e.Sequence - 1, now);
                    LogGapPassed(expected, e.Sequence - 1, _options.GapTimeout.TotalSeconds);
                }
                await ApplyAsync(e, cancellationToken);
            }
            return events.Count == BatchSize ? Next.More : Next.Idle;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogReadFailed(ex, _resourceVersion);
            await Task.Delay(FailureBackoff, _time, cancellationToken);
            return Next.Idle;
        }
    }

    private async Task ApplyAsync(IEvent e, CancellationToken cancellationToken)
    {
        var kind = _objects.KindOf(e.Data);
        if (kind is null)
        {
            lock (_gate) Commit(e.Sequence, null);
            return;
        }
        var position = new EventPosition(e.Sequence, e.Version, e.Timestamp);
        lock (_gate)
        {
            var folded = _objects.Fold(kind, e.StreamId, e.Version, position, (IObjectEvent)e.Data);
            if (!folded.NeedsHistory)
            {
                Commit(e.Sequence, folded.Change);
                return;
            }
        }
        // Only this loop writes the objects, so the stream can be read outside the lock.
        LogRebuilding(kind.Kind.Kind, e.StreamId, e.Version);
        var rebuilt = await _feed.RebuildAsync(kind, e.StreamId, e.Version, cancellationToken);
        lock (_gate) Commit(e.Sequence, _objects.Replace(kind, e.StreamId, e.Version, rebuilt, e.Sequence));
    }

    // Under the lock: the change goes into the history and to every watch of its kind before the cache's position
    // moves, so a watch that reads the position has already been handed every change up to it.
    private void Commit(long sequence, ObjectChange? change)
    {
        if (change is not null)
        {
            _history.Append(change);
            if (_watchers.TryGetValue(change.Kind, out var watchers))
            {
                for (var i = watchers.Count - 1; i >= 0; i--)
                {
                    if (watchers[i].TryOffer(change)) continue;
                    LogWatcherTooSlow(change.Kind.Name, _options.QueueLength);
                    watchers[i].End();
                    watchers.RemoveAt(i);
                }
            }
        }
        Volatile.Write(ref _resourceVersion, sequence);
        var progressed = _progress;
        _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        progressed.TrySetResult();
    }

    // Loads every object from one snapshot of the store, waiting (up to the gap timeout) for holes just below it to
    // fill, so that the cache starts from a position no late commit can fall behind. The holes are waited out with the
    // cheap holes query; the snapshot is taken once none is young, and again only if it finds a new young one.
    private async Task LoadAsync(bool endWatches, CancellationToken cancellationToken)
    {
        var holesSeen = new Dictionary<long, DateTimeOffset>();
        bool AnyYoung(IReadOnlyList<long> holes, DateTimeOffset now)
        {
            foreach (var hole in holes) holesSeen.TryAdd(hole, now);
            return holes.Any(h => now - holesSeen[h] < _options.GapTimeout);
        }

        while (true)
        {
            StoreSnapshot? snapshot = null;
            try
            {
                if (!AnyYoung(await _feed.HolesAsync(HoleWindow, cancellationToken), _time.GetUtcNow()))
                    snapshot = await _feed.LoadSnapshotAsync(_kinds, HoleWindow, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogLoadFailed(ex);
                await Task.Delay(FailureBackoff, _time, cancellationToken);
                continue;
            }
            var now = _time.GetUtcNow();
            if (snapshot is null || AnyYoung(snapshot.Holes, now))
            {
                await Task.Delay(GapPoll, _time, cancellationToken);
                continue;
            }
            lock (_gate)
            {
                _objects.Load(snapshot.Objects);
                _history.Reset(snapshot.Sequence);
                _gaps.Reset(snapshot.Holes, now);
                if (endWatches) EndAllWatchesLocked();
                Commit(snapshot.Sequence, null);
            }
            LogLoaded(snapshot.Objects.Count, snapshot.Sequence, snapshot.Holes.Count);
            return;
        }
    }

    private void EndAllWatches()
    {
        lock (_gate) EndAllWatchesLocked();
    }

    private void EndAllWatchesLocked()
    {
        foreach (var watcher in _watchers.Values.SelectMany(w => w)) watcher.End();
        _watchers.Clear();
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Watch cache ready at resourceVersion {ResourceVersion} for {Kinds} kinds")]
    private partial void LogReady(long resourceVersion, int kinds);

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "Watch cache loaded {Objects} objects at resourceVersion {ResourceVersion} ({Holes} holes below it passed over)")]
    private partial void LogLoaded(int objects, long resourceVersion, int holes);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Event sequence numbers {First}-{Last} stayed missing for {Seconds} s; passing over them as failed appends")]
    private partial void LogGapPassed(long first, long last, double seconds);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Event {Sequence} (and {Count} passed-over numbers in all) committed after the watch cache passed over it; reloading the cache and ending every watch")]
    private partial void LogLateCommit(long sequence, int count);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Reading events after {ResourceVersion} failed; retrying")]
    private partial void LogReadFailed(Exception exception, long resourceVersion);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Loading the watch cache from the store failed; retrying")]
    private partial void LogLoadFailed(Exception exception);

    [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "A watch of {Kind} fell {QueueLength} changes behind and was ended; its client resumes from its last resourceVersion")]
    private partial void LogWatcherTooSlow(string kind, int queueLength);

    [LoggerMessage(EventId = 307, Level = LogLevel.Information, Message = "{Kind} stream {StreamId} reached version {Version} without the cache seeing its earlier events; rebuilding it from the stream")]
    private partial void LogRebuilding(string kind, Guid streamId, long version);
}

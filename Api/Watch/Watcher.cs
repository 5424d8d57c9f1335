using System.Threading.Channels;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Watch;

/// <summary>One watch's queue of changes of its kind, filled by the cache and drained by the watch's stream. A watch that
/// falls a whole queue behind is ended; its client resumes from the last resourceVersion it saw.</summary>
public sealed class Watcher(Type kind, int queueLength)
{
    private readonly Channel<ObjectChange> _queue = Channel.CreateBounded<ObjectChange>(
        new BoundedChannelOptions(queueLength) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    public Type Kind => kind;

    public ChannelReader<ObjectChange> Changes => _queue.Reader;

    /// <summary>Queues a change; false when the queue is full.</summary>
    public bool TryOffer(ObjectChange change) => _queue.Writer.TryWrite(change);

    /// <summary>Ends the watch once the queued changes are read.</summary>
    public void End() => _queue.Writer.TryComplete();
}

/// <summary>Where a watch starts: the objects it is first sent as ADDED (when it asked for the current state), the
/// changes after the resourceVersion it resumes from, and its watcher for what follows.</summary>
public sealed class WatchSubscription(WatchCache cache, Watcher watcher, long resourceVersion,
    IReadOnlyList<IKubeObject> initialObjects, IReadOnlyList<ObjectChange> backlog) : IDisposable
{
    /// <summary>The resourceVersion the initial objects and the backlog bring the watch to.</summary>
    public long ResourceVersion => resourceVersion;

    public IReadOnlyList<IKubeObject> InitialObjects => initialObjects;

    public IReadOnlyList<ObjectChange> Backlog => backlog;

    public ChannelReader<ObjectChange> Changes => watcher.Changes;

    public void Dispose() => cache.Unsubscribe(watcher);
}

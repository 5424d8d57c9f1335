using EventOrch.Api.Watch;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Api.Authorization.Rbac;

/// <summary>The authorizer's in-memory copy of every Role, ClusterRole, RoleBinding and ClusterRoleBinding, fed by the
/// Api's watch cache (which follows the event store, woken by every commit of any Api instance): no database round trip
/// per request. A write of one of the four kinds by this Api is seen by the very next request: the write's commit
/// records its sequence (<see cref="RbacCommits"/>) and the next decision first waits for the watch cache to pass it.
/// Writes by other Api instances arrive as the watch cache follows the store, milliseconds after their commit.</summary>
public sealed partial class RbacPolicyCache(WatchCache cache, RbacCommits commits, TimeProvider time, ILogger<RbacPolicyCache> logger) : BackgroundService
{
    private static readonly Type[] Kinds = [typeof(Role), typeof(ClusterRole), typeof(RoleBinding), typeof(ClusterRoleBinding)];
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<Type, Dictionary<string, IKubeObject>> _objects = Kinds.ToDictionary(k => k, _ => new Dictionary<string, IKubeObject>());
    private readonly Dictionary<Type, WatchSubscription> _subscriptions = [];
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _changes;
    private long _built = -1;
    private RbacSnapshot _snapshot = RbacSnapshot.Empty;
    private long _drained;

    /// <summary>The current snapshot: after the first load, and after every write this process committed.</summary>
    public async ValueTask<RbacSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        if (!_loaded.Task.IsCompleted) await _loaded.Task.WaitAsync(cancellationToken);
        var required = commits.Newest;
        // The common case takes no lock: nothing written here since the last drain, and nothing changed since the build.
        if (required <= Volatile.Read(ref _drained) && Volatile.Read(ref _built) == Volatile.Read(ref _changes)) return Volatile.Read(ref _snapshot);
        if (required > cache.ResourceVersion)
        {
            if (!await cache.WaitForAsync(required, CatchUpLimit, cancellationToken)) LogCatchUpSlow(required);
        }
        lock (_gate)
        {
            if (required > _drained)
            {
                DrainAll();
                Volatile.Write(ref _drained, required);
            }
            if (_built != _changes)
            {
                Volatile.Write(ref _snapshot, RbacSnapshot.Build(Current<Role>(), Current<ClusterRole>(), Current<RoleBinding>(), Current<ClusterRoleBinding>()));
                Volatile.Write(ref _built, _changes);
            }
            return _snapshot;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!await cache.WaitForAsync(0, CatchUpLimit, stoppingToken)) LogWaitingForCache();
        lock (_gate)
        {
            foreach (var kind in Kinds) Subscribe(kind);
        }
        _loaded.TrySetResult();
        await Task.WhenAll(Kinds.Select(kind => FollowAsync(kind, stoppingToken)));
    }

    // Waits for changes of one kind and folds them in; when the watch cache ends the subscription (it reloaded, or the
    // queue filled), subscribes again from the current objects.
    private async Task FollowAsync(Type kind, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            WatchSubscription subscription;
            lock (_gate) subscription = _subscriptions[kind];
            bool more;
            try
            {
                more = await subscription.Changes.WaitToReadAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            lock (_gate)
            {
                if (!ReferenceEquals(subscription, _subscriptions[kind])) continue;
                if (more) Drain(kind);
                else
                {
                    LogResubscribing(kind.Name);
                    subscription.Dispose();
                    Subscribe(kind);
                }
            }
            if (!more) await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }

    private void Subscribe(Type kind)
    {
        var result = cache.Subscribe(kind, null, null, withObjects: true);
        if (!result.IsSuccess) throw new InvalidOperationException($"cannot follow {kind.Name}: {result.Error!.Message}");
        var subscription = result.Value!;
        var objects = _objects[kind];
        objects.Clear();
        foreach (var obj in subscription.InitialObjects) objects[obj.Metadata.Uid ?? ""] = obj;
        _subscriptions[kind] = subscription;
        Interlocked.Increment(ref _changes);
    }

    private void DrainAll()
    {
        foreach (var kind in Kinds) Drain(kind);
    }

    private void Drain(Type kind)
    {
        if (!_subscriptions.TryGetValue(kind, out var subscription)) return;
        var objects = _objects[kind];
        while (subscription.Changes.TryRead(out var change))
        {
            if (change.After is { } after) objects[after.Metadata.Uid ?? ""] = after;
            else if (change.Before is { } before) objects.Remove(before.Metadata.Uid ?? "");
            Interlocked.Increment(ref _changes);
        }
    }

    private IEnumerable<T> Current<T>() where T : IKubeObject => _objects[typeof(T)].Values.Cast<T>().ToList();

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "RBAC: the watch cache did not reach sequence {Sequence} in time; deciding on the policy as it is")]
    private partial void LogCatchUpSlow(long sequence);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "RBAC: waiting for the watch cache to load before authorising requests")]
    private partial void LogWaitingForCache();

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "RBAC: the watch of {Kind} ended; following it again from its current objects")]
    private partial void LogResubscribing(string kind);
}

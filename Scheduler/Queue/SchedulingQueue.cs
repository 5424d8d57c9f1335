namespace EventOrch.Scheduler.Queue;

/// <summary>Pods waiting to be scheduled, in the shape of Kubernetes' scheduling queue: an active queue
/// (deduplicated, first in first out), a backoff area for pods whose last attempt failed (1 s doubling to
/// <see cref="MaxBackoff"/>), and the unschedulable pods, which wait for the cluster to change.</summary>
public sealed class SchedulingQueue(TimeProvider time)
{
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    /// <summary>How long an unschedulable pod waits for a cluster change before it is tried again anyway.</summary>
    public static readonly TimeSpan UnschedulableTimeout = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private readonly LinkedList<string> _active = new();
    private readonly HashSet<string> _inActive = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _backoff = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _unschedulable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);

    public (int Active, int Backoff, int Unschedulable) Counts
    {
        get { lock (_lock) return (_active.Count, _backoff.Count, _unschedulable.Count); }
    }

    /// <summary>A new or changed pending pod: try it now, unless it is backing off.</summary>
    public void Add(string key)
    {
        lock (_lock)
        {
            if (_backoff.ContainsKey(key)) return;
            _unschedulable.Remove(key);
            Activate(key);
        }
    }

    /// <summary>The last attempt failed: back off; an unschedulable pod then waits for a cluster change.</summary>
    public void Requeue(string key, bool unschedulable)
    {
        lock (_lock)
        {
            var attempts = _attempts[key] = _attempts.GetValueOrDefault(key) + 1;
            var backoff = TimeSpan.FromTicks(Math.Min(InitialBackoff.Ticks << Math.Min(attempts - 1, 20), MaxBackoff.Ticks));
            _inActive.Remove(key);
            _active.Remove(key);
            if (unschedulable) _unschedulable[key] = time.GetUtcNow() + backoff;
            else _backoff[key] = time.GetUtcNow() + backoff;
        }
        _signal.Release();
    }

    /// <summary>Something changed that may let unschedulable pods fit (a node added or changed, a pod gone):
    /// they move to the active queue once their backoff is over.</summary>
    public void MoveAllToActive()
    {
        lock (_lock)
        {
            foreach (var (key, readyAt) in _unschedulable) _backoff[key] = readyAt;
            _unschedulable.Clear();
        }
        _signal.Release();
    }

    /// <summary>The pod was bound or deleted: forget it and its attempts.</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            _attempts.Remove(key);
            _backoff.Remove(key);
            _unschedulable.Remove(key);
            if (_inActive.Remove(key)) _active.Remove(key);
        }
    }

    /// <summary>The next pod to try, waiting until one is due.</summary>
    public async Task<string> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                Promote(_backoff, now, extraWait: TimeSpan.Zero);
                Promote(_unschedulable, now, extraWait: UnschedulableTimeout);
                if (_active.First is { } first)
                {
                    _active.RemoveFirst();
                    _inActive.Remove(first.Value);
                    return first.Value;
                }
                var next = _backoff.Count == 0 ? now + TimeSpan.FromSeconds(1) : _backoff.Values.Min();
                wait = next - now;
            }
            await _signal.WaitAsync(wait < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wait, cancellationToken);
        }
    }

    // Moves due entries to the active queue; an unschedulable pod is due once it has also waited UnschedulableTimeout.
    private void Promote(Dictionary<string, DateTimeOffset> area, DateTimeOffset now, TimeSpan extraWait)
    {
        foreach (var (key, readyAt) in area.ToList())
        {
            if (readyAt + extraWait > now) continue;
            area.Remove(key);
            Activate(key);
        }
    }

    private void Activate(string key)
    {
        if (_inActive.Add(key)) _active.AddLast(key);
        _signal.Release();
    }
}

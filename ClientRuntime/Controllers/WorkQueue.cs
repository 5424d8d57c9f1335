namespace EventOrch.ClientRuntime.Controllers;

/// <summary>client-go's rate-limited work queue: a key waits at most once however often it is added, is handed to
/// one worker at a time (a key added while a worker holds it comes back after <see cref="Done"/>), and a key that
/// keeps failing waits longer each time (<see cref="AddRateLimited"/>: 5 ms doubling to <see cref="MaxDelay"/>).</summary>
public sealed class WorkQueue(TimeProvider time)
{
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly Queue<string> _queue = new();
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _ready = new(0);

    public int Length
    {
        get { lock (_lock) return _queue.Count; }
    }

    public void Add(string key)
    {
        lock (_lock)
        {
            if (!_dirty.Add(key) || _processing.Contains(key)) return;
            _queue.Enqueue(key);
        }
        _ready.Release();
    }

    /// <summary>Adds the key once <paramref name="delay"/> has passed.</summary>
    public void AddAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            Add(key);
            timer?.Dispose();
        }, null, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The key failed: it comes back after a delay that doubles with each failure until <see cref="Forget"/>.</summary>
    public void AddRateLimited(string key)
    {
        TimeSpan delay;
        lock (_lock)
        {
            var failures = _failures[key] = _failures.GetValueOrDefault(key) + 1;
            delay = TimeSpan.FromTicks(Math.Min(BaseDelay.Ticks << Math.Min(failures - 1, 30), MaxDelay.Ticks));
        }
        AddAfter(key, delay);
    }

    /// <summary>The key succeeded: its next failure starts from the base delay again.</summary>
    public void Forget(string key)
    {
        lock (_lock) _failures.Remove(key);
    }

    /// <summary>Waits for a key and hands it to the caller, who must call <see cref="Done"/> with it.</summary>
    public async Task<string> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _ready.WaitAsync(cancellationToken);
            lock (_lock)
            {
                if (!_queue.TryDequeue(out var key)) continue;
                _dirty.Remove(key);
                _processing.Add(key);
                return key;
            }
        }
    }

    public void Done(string key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (!_dirty.Contains(key)) return;
            _queue.Enqueue(key);
        }
        _ready.Release();
    }
}

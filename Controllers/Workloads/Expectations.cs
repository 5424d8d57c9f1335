namespace EventOrch.Controllers.Workloads;

/// <summary>client-go's controller expectations: the creates and deletes a controller has asked for and not yet
/// seen come back through its informer. Until they have (or <see cref="Timeout"/> passes, in case an event was
/// lost), the controller does not count pods again, or it would create the same replicas twice.</summary>
public sealed class Expectations(TimeProvider time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    private sealed record Pending(int Adds, HashSet<string> Deletes, DateTimeOffset Since);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Pending> _byKey = new(StringComparer.Ordinal);

    public bool Satisfied(string key)
    {
        lock (_lock)
        {
            if (!_byKey.TryGetValue(key, out var pending)) return true;
            if ((pending.Adds <= 0 && pending.Deletes.Count == 0) || time.GetUtcNow() - pending.Since > Timeout)
            {
                _byKey.Remove(key);
                return true;
            }
            return false;
        }
    }

    public void ExpectCreations(string key, int count) => Change(key, p => p with { Adds = p.Adds + count });

    public void ExpectDeletion(string key, string uid) => Change(key, p =>
    {
        p.Deletes.Add(uid);
        return p;
    });

    /// <summary>A pod the controller created appeared, or a create it asked for failed.</summary>
    public void CreationObserved(string key) => Change(key, p => p with { Adds = p.Adds - 1 }, onlyIfPending: true);

    /// <summary>A pod the controller deleted is terminating or gone, or its delete failed.</summary>
    public void DeletionObserved(string key, string uid) => Change(key, p =>
    {
        p.Deletes.Remove(uid);
        return p;
    }, onlyIfPending: true);

    public void Forget(string key)
    {
        lock (_lock) _byKey.Remove(key);
    }

    private void Change(string key, Func<Pending, Pending> change, bool onlyIfPending = false)
    {
        lock (_lock)
        {
            if (!_byKey.TryGetValue(key, out var pending))
            {
                if (onlyIfPending) return;
                pending = new Pending(0, new HashSet<string>(StringComparer.Ordinal), time.GetUtcNow());
            }
            _byKey[key] = change(pending);
        }
    }
}

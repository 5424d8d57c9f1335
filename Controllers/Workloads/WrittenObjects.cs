using System.Collections.Concurrent;
using System.Globalization;
using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Workloads;

/// <summary>The objects a controller wrote itself, each kept until its cache has caught up with the write (client-go's
/// mutation cache): a pass that runs before the write's event has reached the cache decides on what it wrote, not on
/// the state before. Without it, a Deployment scaled mid-rollout could give every new replica to the old ReplicaSet,
/// its cache still showing the new one at its size before the controller's own scale.</summary>
public sealed class WrittenObjects<T> where T : class, IKubeObject
{
    private readonly ConcurrentDictionary<string, T> _written = new(StringComparer.Ordinal);

    /// <summary>Notes an object as the Api answered a write of it.</summary>
    public void Remember(T written) => _written[Key(written)] = written;

    /// <summary>Drops what was noted of an object that is gone.</summary>
    public void Forget(T gone) => _written.TryRemove(Key(gone), out _);

    /// <summary>The cached objects, each replaced by what this controller wrote of it when that is newer; a note the
    /// cache has caught up with is dropped.</summary>
    public IEnumerable<T> Fresher(IEnumerable<T> cached)
    {
        foreach (var obj in cached)
        {
            var key = Key(obj);
            if (_written.TryGetValue(key, out var written) && written.Metadata.Uid == obj.Metadata.Uid && Version(written) > Version(obj))
            {
                yield return written;
                continue;
            }
            if (written is not null) _written.TryRemove(KeyValuePair.Create(key, written));
            yield return obj;
        }
    }

    private static string Key(T obj) => $"{obj.Metadata.Namespace}/{obj.Metadata.Name}";

    private static long Version(T obj) =>
        long.TryParse(obj.Metadata.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;
}

using System.Collections.Concurrent;

namespace EventOrch.Api.Discovery;

/// <summary>Documents built from the <see cref="ApiResourceRegistry"/>, kept until the registry changes.</summary>
public sealed class DocumentCache(ApiResourceRegistry registry)
{
    private readonly ConcurrentDictionary<string, ServedDocument?> _documents = new();
    private int _generation = -1;

    /// <summary>The document named <paramref name="key"/>, built by <paramref name="build"/> on first use; null when
    /// <paramref name="build"/> says there is none.</summary>
    public ServedDocument? Get(string key, Func<ServedDocument?> build)
    {
        var generation = registry.Generation;
        if (Volatile.Read(ref _generation) != generation)
        {
            _documents.Clear();
            Volatile.Write(ref _generation, generation);
        }
        return _documents.GetOrAdd(key, _ => build());
    }
}

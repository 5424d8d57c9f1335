using System.Collections.Concurrent;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.Pods;
using Microsoft.Extensions.Options;

namespace EventOrch.NodeAgent.ConfigSources;

/// <summary>The Secrets this agent's pods use, read through the Api (the only holder of the keys, which opens them) when a
/// pod first needs one, and kept until a Secret event says it changed (the event itself carries only ciphertext) or
/// <see cref="PodAgentOptions.SecretCacheTtl"/> passes, which covers an event lost while the queue was away. Only
/// Secrets that pods here refer to are ever fetched: the agent never lists them.</summary>
public sealed class SecretStore(KubeApiClient api, IOptions<PodAgentOptions> options, TimeProvider time)
{
    private sealed record Entry(Secret? Secret, DateTimeOffset FetchedAt);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    // Moves on every invalidation: a fetch that started before one may have read what it invalidated, and is not kept.
    private long _generation;

    /// <summary>A Secret changed, appeared or went: pods that use it should be looked at again.</summary>
    public event Action<string, string>? Changed;

    public int Count => _cache.Count;

    /// <summary>The Secret as the Api has it, or null when it does not exist; an Api failure throws.</summary>
    public async Task<Secret?> GetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        var key = ObjectKey.Of(@namespace, name);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && now - cached.FetchedAt < options.Value.SecretCacheTtl) return cached.Secret;
        var generation = Interlocked.Read(ref _generation);
        var secret = await api.GetAsync<Secret>(ResourceKind.Secret, @namespace, name, cancellationToken);
        if (Interlocked.Read(ref _generation) == generation) _cache[key] = new Entry(secret, now);
        else _cache.TryRemove(key, out _);
        Prune(now);
        return secret;
    }

    /// <summary>Forgets what is known of the Secret; the next use fetches it again.</summary>
    public void Invalidate(string @namespace, string name)
    {
        Interlocked.Increment(ref _generation);
        _cache.TryRemove(ObjectKey.Of(@namespace, name), out _);
        Changed?.Invoke(@namespace, name);
    }

    // Secrets no pod asked for within the time to live are dropped, so the cache holds only what pods here use.
    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _cache)
        {
            if (now - entry.FetchedAt >= options.Value.SecretCacheTtl) _cache.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }
    }
}

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
    // One fetch per Secret, shared by every pod that needs it meanwhile (pods sync in parallel); kept once it answered.
    private sealed record Entry(Task<Secret?> Fetch, DateTimeOffset FetchedAt);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private long _prunedAtTicks;

    /// <summary>A Secret changed, appeared or went: pods that use it should be looked at again.</summary>
    public event Action<string, string>? Changed;

    /// <summary>The Secret as the Api has it, or null when it does not exist; an Api failure throws.</summary>
    public Task<Secret?> GetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        var key = ObjectKey.Of(@namespace, name);
        var now = time.GetUtcNow();
        while (true)
        {
            var found = _cache.TryGetValue(key, out var entry);
            if (found && (!entry!.Fetch.IsCompleted || (entry.Fetch.IsCompletedSuccessfully && now - entry.FetchedAt < options.Value.SecretCacheTtl)))
                return entry.Fetch.WaitAsync(cancellationToken);
            var fetch = new TaskCompletionSource<Secret?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var mine = new Entry(fetch.Task, now);
            // Another caller started a fetch first: join it.
            if (found ? !_cache.TryUpdate(key, mine, entry!) : !_cache.TryAdd(key, mine)) continue;
            _ = FetchAsync(@namespace, name, key, mine, fetch);
            Prune(now);
            return fetch.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Forgets what is known of the Secret, a fetch under way included; the next use fetches it again.</summary>
    public void Invalidate(string @namespace, string name)
    {
        _cache.TryRemove(ObjectKey.Of(@namespace, name), out _);
        Changed?.Invoke(@namespace, name);
    }

    // Not the first caller's token: others may be waiting for the same answer (the HttpClient's timeout bounds it). A
    // failure is not kept: the next use asks again.
    private async Task FetchAsync(string @namespace, string name, string key, Entry entry, TaskCompletionSource<Secret?> fetch)
    {
        try
        {
            fetch.SetResult(await api.GetAsync<Secret>(ResourceKind.Secret, @namespace, name, CancellationToken.None));
        }
        catch (Exception ex)
        {
            _cache.TryRemove(KeyValuePair.Create(key, entry));
            fetch.SetException(ex);
        }
    }

    // Secrets no pod asked for within the time to live are dropped, so the cache holds only what pods here use; the
    // cache is looked through at most once per time to live.
    private void Prune(DateTimeOffset now)
    {
        var ttl = options.Value.SecretCacheTtl;
        var last = Interlocked.Read(ref _prunedAtTicks);
        if (now.UtcTicks - last < ttl.Ticks || Interlocked.CompareExchange(ref _prunedAtTicks, now.UtcTicks, last) != last) return;
        foreach (var (key, entry) in _cache)
        {
            if (entry.Fetch.IsCompleted && now - entry.FetchedAt >= ttl) _cache.TryRemove(KeyValuePair.Create(key, entry));
        }
    }
}

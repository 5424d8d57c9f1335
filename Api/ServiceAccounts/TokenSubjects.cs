using System.Collections.Concurrent;
using EventOrch.Api.Authentication;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;
using Marten;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.ServiceAccounts;

/// <summary>Whether the objects a ServiceAccount token names still exist, by uid.</summary>
public interface ITokenSubjects
{
    Task<bool> ExistsAsync<T>(Guid uid, CancellationToken cancellationToken) where T : class, IKubeObject;
}

/// <summary>Whether the ServiceAccount and the pod a token names still exist, by uid: what makes a ServiceAccount token
/// revocable. An object seen alive is trusted for <see cref="AuthOptions.ServiceAccountLookupCache"/>, so a busy
/// component does not cost a read per request; a delete through this Api instance is seen at once, as its definition
/// calls <see cref="Forget"/> in the deleting transaction: until the cache's time has passed, that uid is always read
/// from the store (so a delete that fails to commit revokes nothing).</summary>
public sealed class TokenSubjects(IDocumentStore store, IOptions<AuthOptions> options, TimeProvider time) : ITokenSubjects
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _aliveUntil = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _goingUntil = new();

    /// <summary>Whether an object of kind <typeparamref name="T"/> with this uid exists.</summary>
    public async Task<bool> ExistsAsync<T>(Guid uid, CancellationToken cancellationToken) where T : class, IKubeObject
    {
        var now = time.GetUtcNow();
        var going = _goingUntil.TryGetValue(uid, out var until) && until > now;
        if (!going && _aliveUntil.TryGetValue(uid, out var alive) && alive > now) return true;
        var found = await FindAsync<T>(uid, cancellationToken) is not null;
        if (found && !going) _aliveUntil[uid] = now + options.Value.ServiceAccountLookupCache;
        else _aliveUntil.TryRemove(uid, out _);
        if (_aliveUntil.Count > 100_000) Prune(now);
        return found;
    }

    /// <summary>Called as an object is deleted: its tokens are checked against the store from now on.</summary>
    public void Forget(string? uid)
    {
        if (!Guid.TryParse(uid, out var id)) return;
        _goingUntil[id] = time.GetUtcNow() + options.Value.ServiceAccountLookupCache;
        _aliveUntil.TryRemove(id, out _);
        if (_goingUntil.Count > 10_000) Prune(time.GetUtcNow());
    }

    private async Task<T?> FindAsync<T>(Guid uid, CancellationToken cancellationToken) where T : class, IKubeObject
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<ObjectRecord<T>>(uid, cancellationToken))?.Object;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (uid, until) in _aliveUntil) if (until <= now) _aliveUntil.TryRemove(uid, out _);
        foreach (var (uid, until) in _goingUntil) if (until <= now) _goingUntil.TryRemove(uid, out _);
    }
}

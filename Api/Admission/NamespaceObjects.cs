using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using Marten;

namespace EventOrch.Api.Admission;

/// <summary>Reads the live objects of some kinds in one namespace from the store, in the caller's session: what a quota
/// counts when it is created or takes a new resource in.</summary>
public static class NamespaceObjects
{
    public static async Task<List<(ResourceKind Kind, IKubeObject Object)>> LoadAsync(IQuerySession session, string @namespace,
        IEnumerable<ResourceKind> kinds, CancellationToken cancellationToken)
    {
        var objects = new List<(ResourceKind, IKubeObject)>();
        foreach (var kind in kinds.Distinct())
        {
            if (StoredKinds.Of(kind) is not { } stored) continue;
            var reader = new Reader(session, @namespace, cancellationToken);
            stored.Accept(reader);
            objects.AddRange((await reader.Result!).Select(o => (kind, o)));
        }
        return objects;
    }

    private sealed class Reader(IQuerySession session, string @namespace, CancellationToken cancellationToken) : IStoredKindVisitor
    {
        public Task<List<IKubeObject>>? Result { get; private set; }

        public void Visit<T>(IObjectEvolver<T> evolver) where T : class, IKubeObject => Result = ReadAsync<T>();

        private async Task<List<IKubeObject>> ReadAsync<T>() where T : class, IKubeObject =>
            [.. (await NamespaceRecords.ReadAsync<T>(session, @namespace, cancellationToken)).Select(r => (IKubeObject)r.Object)];
    }
}

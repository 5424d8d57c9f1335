using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Quota;

/// <summary>Lists the objects of a kind known only at run time in one namespace, through the Api.</summary>
internal static class NamespaceLister
{
    public static async Task<List<(ResourceKind Kind, IKubeObject Object)>> ListAsync(KubeApiClient api, string @namespace,
        IEnumerable<ResourceKind> kinds, CancellationToken cancellationToken)
    {
        var objects = new List<(ResourceKind, IKubeObject)>();
        foreach (var kind in kinds.Distinct())
        {
            if (StoredKinds.Of(kind) is not { } stored) continue;
            var lister = new Lister(api, @namespace, cancellationToken);
            stored.Accept(lister);
            objects.AddRange((await lister.Result!).Select(o => (kind, o)));
        }
        return objects;
    }

    private sealed class Lister(KubeApiClient api, string @namespace, CancellationToken cancellationToken) : IStoredKindVisitor
    {
        public Task<List<IKubeObject>>? Result { get; private set; }

        public void Visit<T>(IObjectEvolver<T> evolver) where T : class, IKubeObject => Result = ListAsync<T>(evolver.Kind);

        private async Task<List<IKubeObject>> ListAsync<T>(ResourceKind kind) where T : class, IKubeObject =>
            [.. (await api.ListAsync<T>(kind, @namespace, cancellationToken: cancellationToken)).Items];
    }
}

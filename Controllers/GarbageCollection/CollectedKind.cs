using System.Text.Json;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Controllers.GarbageCollection;

/// <summary>One kind the garbage collector watches, seen without its type: its informer cache, and the few Api calls the
/// collector makes on its objects. <see cref="Of{T}"/> makes one from the host's informer of that kind.</summary>
public abstract class CollectedKind
{
    public abstract ResourceKind Kind { get; }

    /// <summary>The kind's name in the collector's queue keys: "pods", "replicasets.apps".</summary>
    public string Resource => Kind.Group.Length == 0 ? Kind.Plural : $"{Kind.Plural}.{Kind.Group}";

    /// <summary>Whether an owner reference names an object of this kind (by group and kind: any version of the group).</summary>
    public bool IsNamedBy(OwnerReference reference)
    {
        var slash = reference.ApiVersion.LastIndexOf('/');
        return reference.Kind == Kind.Kind && (slash < 0 ? "" : reference.ApiVersion[..slash]) == Kind.Group;
    }

    public abstract Task WaitForSyncAsync(CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="handler"/> with the old and new state of every object of the kind that changes.</summary>
    public abstract void OnChanged(Action<IKubeObject?, IKubeObject?> handler);

    public abstract IKubeObject? Get(string? @namespace, string name);

    public abstract IReadOnlyList<IKubeObject> List();

    /// <summary>The objects in <paramref name="namespace"/>, through the cache's namespace index.</summary>
    public abstract IReadOnlyList<IKubeObject> InNamespace(string @namespace);

    /// <summary>The id of the event that last changed the object (see <see cref="InformerCache{T}.CauseOf"/>).</summary>
    public abstract Guid? CauseOf(string? @namespace, string name);

    /// <summary>The id of the event that deleted the object with this uid (see <see cref="InformerCache{T}.DeletionCauseOf"/>).</summary>
    public abstract Guid? DeletionCauseOf(string uid);

    /// <summary>The object as the Api has it now, or null.</summary>
    public abstract Task<IKubeObject?> GetLiveAsync(string? @namespace, string name, CancellationToken cancellationToken);

    /// <summary>PUT of the object with new metadata, on the resourceVersion it carries (a 409 if it changed since).</summary>
    public abstract Task ReplaceMetadataAsync(IKubeObject obj, ObjectMeta metadata, CancellationToken cancellationToken);

    /// <summary>DELETE of the object on its uid (and its resourceVersion, when <paramref name="unchanged"/>), with a
    /// propagation policy for its own dependents.</summary>
    public abstract Task DeleteAsync(IKubeObject obj, string propagationPolicy, bool unchanged, CancellationToken cancellationToken);

    /// <summary>The kind of <typeparamref name="T"/>, through the host's <see cref="Informer{T}"/> (registered with
    /// ComponentBuilder.AddInformer) and its Api client.</summary>
    public static Func<IServiceProvider, CollectedKind> Of<T>() where T : class, IKubeObject => services =>
    {
        var informer = services.GetRequiredService<Informer<T>>();
        informer.Cache.AddNamespaceIndex();
        return new Typed<T>(informer, services.GetRequiredService<IObjectEvolver<T>>().Kind, services.GetRequiredService<KubeApiClient>());
    };

    private sealed class Typed<T>(Informer<T> informer, ResourceKind kind, KubeApiClient api) : CollectedKind where T : class, IKubeObject
    {
        public override ResourceKind Kind => kind;

        public override Task WaitForSyncAsync(CancellationToken cancellationToken) => informer.WaitForSyncAsync(cancellationToken);

        public override void OnChanged(Action<IKubeObject?, IKubeObject?> handler) => informer.Cache.Changed += (old, current) => handler(old, current);

        public override IKubeObject? Get(string? @namespace, string name) => informer.Cache.Get(@namespace, name);

        public override IReadOnlyList<IKubeObject> List() => informer.Cache.List();

        public override IReadOnlyList<IKubeObject> InNamespace(string @namespace) => informer.Cache.InNamespace(@namespace);

        public override Guid? CauseOf(string? @namespace, string name) => informer.Cache.CauseOf(@namespace, name);

        public override Guid? DeletionCauseOf(string uid) => informer.Cache.DeletionCauseOf(uid);

        public override async Task<IKubeObject?> GetLiveAsync(string? @namespace, string name, CancellationToken cancellationToken) =>
            await api.GetAsync<T>(kind, @namespace, name, cancellationToken);

        public override Task ReplaceMetadataAsync(IKubeObject obj, ObjectMeta metadata, CancellationToken cancellationToken)
        {
            // Objects are records with init-only metadata: rebuilt through their JSON form, so no kind needs code of its own.
            var json = JsonSerializer.SerializeToNode(obj, obj.GetType(), KubeJson.Options)!.AsObject();
            json["metadata"] = JsonSerializer.SerializeToNode(metadata, KubeJson.Options);
            return api.ReplaceAsync(kind, json.Deserialize<T>(KubeJson.Options)!, cancellationToken);
        }

        public override Task DeleteAsync(IKubeObject obj, string propagationPolicy, bool unchanged, CancellationToken cancellationToken) =>
            api.DeleteAsync<T>(kind, obj.Metadata.Namespace, obj.Metadata.Name!, propagationPolicy: propagationPolicy, uid: obj.Metadata.Uid!,
                resourceVersion: unchanged ? obj.Metadata.ResourceVersion : null, cancellationToken: cancellationToken);
    }
}

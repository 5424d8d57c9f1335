using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;


namespace EventOrch.Api.Resources;

/// <summary>What the Api does for one kind beyond storage: defaults, validation, and which events a
/// create, an update or a delete becomes.</summary>
public abstract class ResourceDefinition<T> where T : class, IKubeObject
{
    public abstract IObjectEvolver<T> Evolver { get; }

    public ResourceKind Kind => Evolver.Kind;

    /// <summary>Fields a fieldSelector may name, besides metadata.name and metadata.namespace.</summary>
    public virtual IReadOnlyDictionary<string, Func<T, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<T, string?>>();

    public abstract T WithMetadata(T obj, ObjectMeta metadata);

    /// <summary>Defaults and server-owned fields for a new object (status starts fresh).</summary>
    public abstract T PrepareForCreate(T obj);

    public abstract IReadOnlyList<FieldError> ValidateCreate(T obj);

    /// <summary>An update of the main resource keeps the stored status.</summary>
    public abstract T PrepareForUpdate(T old, T updated);

    public abstract IReadOnlyList<FieldError> ValidateUpdate(T old, T updated);

    public abstract IObjectEvent Created(T obj);

    /// <summary>The events that turn <paramref name="old"/> into <paramref name="updated"/>; none when nothing changed.</summary>
    public abstract IReadOnlyList<IObjectEvent> Changes(T old, T updated);

    /// <summary>Validation of a status written through the status subresource.</summary>
    public virtual IReadOnlyList<FieldError> ValidateStatus(T updated) => [];

    /// <summary>The status subresource: the event that replaces the status, or null when nothing changed.</summary>
    public virtual IObjectEvent? StatusChanged(T old, T updated) => null;

    public abstract IObjectEvent Deleted(T obj);

    /// <summary>What a client is given of a stored object, and what a write starts from: by default the object itself; a
    /// kind that keeps part of itself sealed at rest (Secrets) opens it here, or says with a Status why it cannot. Every
    /// path that hands out a stored object goes through it.</summary>
    public virtual Requests.ApiResult<T> Open(T stored) => stored;

    /// <summary>What a DELETE appends: by default the object goes at once; a kind with graceful deletion
    /// (pods on a node) returns its termination event instead, or null when that is already under way.
    /// When it is <see cref="Deleted"/> and the object has finalizers, or <see cref="MayGo"/> says no, the store holds the
    /// object back instead.</summary>
    public virtual IObjectEvent? DeleteRequested(T obj, long? gracePeriodSeconds, DateTimeOffset now) => Deleted(obj);

    /// <summary>What a create or an update needs in its transaction beyond its events (a Service's node ports, say),
    /// once the object is valid: it may complete the object, or refuse the write with a Status. <paramref name="old"/>
    /// is null on create.</summary>
    public virtual Task<Requests.ApiResult<T>> BeforeWriteAsync(Marten.IDocumentSession session, T? old, T obj, CancellationToken cancellationToken) =>
        Task.FromResult(new Requests.ApiResult<T>(obj, null));

    /// <summary>Whether a DELETE of the whole collection (deletecollection) is served; Kubernetes does not serve it for
    /// namespaces.</summary>
    public virtual bool ServesDeleteCollection => true;

    /// <summary>Refuses a DELETE with a Status before anything else is decided (a protected namespace, say).</summary>
    public virtual Status? RefuseDelete(T obj) => null;

    /// <summary>Appends what must go with the object to the same transaction, or refuses with a Status; called when the
    /// object is removed, by a DELETE or by the update that takes away its last finalizer.</summary>
    public virtual Task<Status?> BeforeDeleteAsync(Marten.IDocumentSession session, T obj, CancellationToken cancellationToken) =>
        Task.FromResult<Status?>(null);

    /// <summary>Whether an object with no finalizer left in its metadata may go now (a namespace also waits for the
    /// finalizers in its spec); a DELETE of one that may not only marks it as being deleted.</summary>
    public virtual bool MayGo(T obj) => true;

    /// <summary>Whether objects of this kind own dependents (objects naming them in ownerReferences): a DELETE's
    /// propagation policy then adds the orphan or foregroundDeletion finalizer, which the garbage collector finishes.
    /// Otherwise every policy behaves as Background.</summary>
    public virtual bool OwnsDependents => false;

    /// <summary>The finalizers a DELETE leaves on <paramref name="obj"/>, as Kubernetes' registry computes them: its own
    /// and, for a kind that owns dependents, the one the policy asks for (Orphan: orphan, Foreground: foregroundDeletion,
    /// Background: neither). Without a policy the object keeps whichever of the two it carries.</summary>
    public List<string> DeletionFinalizers(T obj, string? propagationPolicy)
    {
        var finalizers = new List<string>(obj.Metadata.Finalizers ?? []);
        if (!OwnsDependents || propagationPolicy is null) return finalizers;
        finalizers.RemoveAll(f => f is GarbageCollectionFinalizers.Orphan or GarbageCollectionFinalizers.ForegroundDeletion);
        if (propagationPolicy == PropagationPolicies.Orphan) finalizers.Add(GarbageCollectionFinalizers.Orphan);
        else if (propagationPolicy == PropagationPolicies.Foreground) finalizers.Add(GarbageCollectionFinalizers.ForegroundDeletion);
        return finalizers;
    }

    protected static bool JsonEquals<TValue>(TValue a, TValue b) => Contracts.Serialization.KubeJson.Equal(a, b);

    public string? FieldValue(T obj, string field) => field switch
    {
        "metadata.name" => obj.Metadata.Name,
        "metadata.namespace" => obj.Metadata.Namespace,
        _ => SelectableFields.TryGetValue(field, out var valueOf) ? valueOf(obj) : null,
    };

    public bool IsSelectable(string field) =>
        field is "metadata.name" or "metadata.namespace" || SelectableFields.ContainsKey(field);
}

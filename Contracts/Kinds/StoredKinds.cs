using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>One kind the event store keeps, seen without its type parameter: its kind, its model type, its event types
/// and its evolver's fold, for code that meets events of every kind (the audit index, history, time travel).</summary>
public sealed class StoredKind
{
    private readonly Func<IKubeObject?, IObjectEvent, EventPosition, IKubeObject?> _apply;
    private readonly Action<IStoredKindVisitor> _accept;

    private StoredKind(ResourceKind kind, Type modelType, IReadOnlyList<Type> eventTypes,
        Func<IKubeObject?, IObjectEvent, EventPosition, IKubeObject?> apply, Action<IStoredKindVisitor> accept)
    {
        Kind = kind;
        ModelType = modelType;
        EventTypes = eventTypes;
        _apply = apply;
        _accept = accept;
    }

    public ResourceKind Kind { get; }

    /// <summary>The record the kind's objects are (<c>Pod</c>, <c>Deployment</c>, ...).</summary>
    public Type ModelType { get; }

    public IReadOnlyList<Type> EventTypes { get; }

    /// <summary>The object after <paramref name="e"/>, folded by the kind's own evolver (the projections' fold); null
    /// once it is deleted.</summary>
    public IKubeObject? Apply(IKubeObject? current, IObjectEvent e, EventPosition position) => _apply(current, e, position);

    /// <summary>Hands the kind's typed evolver to <paramref name="visitor"/>, for code that needs the model type (the
    /// store's registration of each kind).</summary>
    public void Accept(IStoredKindVisitor visitor) => _accept(visitor);

    public static StoredKind Of<T>(IObjectEvolver<T> evolver) where T : class, IKubeObject =>
        new(evolver.Kind, typeof(T), evolver.EventTypes, (current, e, position) => evolver.Apply(current as T, e, position),
            visitor => visitor.Visit(evolver));
}

/// <summary>What is done with each <see cref="StoredKind"/>'s typed evolver.</summary>
public interface IStoredKindVisitor
{
    void Visit<T>(IObjectEvolver<T> evolver) where T : class, IKubeObject;
}

/// <summary>Every kind kept in the event store, and which kind each event type belongs to: written once from the
/// evolvers' <see cref="IObjectEvolver{T}.EventTypes"/>, so a new event type is known here as soon as its evolver
/// lists it. The store registers its kinds from this list too, so a kind added here is stored, indexed and
/// folded everywhere.</summary>
public static class StoredKinds
{
    public static IReadOnlyList<StoredKind> All { get; } =
    [
        StoredKind.Of(NamespaceEvolver.Instance),
        StoredKind.Of(PodEvolver.Instance),
        StoredKind.Of(NodeEvolver.Instance),
        StoredKind.Of(ReplicaSetEvolver.Instance),
        StoredKind.Of(ReplicationControllerEvolver.Instance),
        StoredKind.Of(DeploymentEvolver.Instance),
        StoredKind.Of(StatefulSetEvolver.Instance),
        StoredKind.Of(ServiceEvolver.Instance),
        StoredKind.Of(EndpointsEvolver.Instance),
        StoredKind.Of(IngressEvolver.Instance),
        StoredKind.Of(HorizontalPodAutoscalerEvolver.Instance),
        StoredKind.Of(ConfigMapEvolver.Instance),
        StoredKind.Of(SecretEvolver.Instance),
        StoredKind.Of(WebhookSubscriptionEvolver.Instance),
        StoredKind.Of(ServiceAccountEvolver.Instance),
        StoredKind.Of(ResourceQuotaEvolver.Instance),
        StoredKind.Of(LimitRangeEvolver.Instance),
        StoredKind.Of(StorageClassEvolver.Instance),
        StoredKind.Of(PersistentVolumeEvolver.Instance),
        StoredKind.Of(PersistentVolumeClaimEvolver.Instance),
        StoredKind.Of(VolumeAttachmentEvolver.Instance),
        StoredKind.Of(RoleEvolver.Instance),
        StoredKind.Of(ClusterRoleEvolver.Instance),
        StoredKind.Of(RoleBindingEvolver.Instance),
        StoredKind.Of(ClusterRoleBindingEvolver.Instance),
    ];

    private static readonly Dictionary<Type, StoredKind> ByEventType =
        All.SelectMany(k => k.EventTypes.Select(t => (Type: t, Kind: k))).ToDictionary(x => x.Type, x => x.Kind);

    private static readonly Dictionary<string, StoredKind> ByKindName =
        All.ToDictionary(k => k.Kind.Kind, StringComparer.Ordinal);

    private static readonly Dictionary<string, Type> EventTypesByName =
        ByEventType.Keys.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The kind an event is about; null for a type no evolver lists.</summary>
    public static StoredKind? OfEvent(IObjectEvent e) => OfEventType(e.GetType());

    public static StoredKind? OfEventType(Type eventType) => ByEventType.GetValueOrDefault(eventType);

    /// <summary>The stored kind named <paramref name="kind"/> (its <c>kind</c>, e.g. <c>Deployment</c>).</summary>
    public static StoredKind? Named(string kind) => ByKindName.GetValueOrDefault(kind);

    public static StoredKind? Of(ResourceKind kind) => Named(kind.Kind) is { } k && k.Kind == kind ? k : null;

    /// <summary>The event type called <paramref name="name"/> (<c>PodBound</c>); null when no kind has one.</summary>
    public static Type? EventType(string name) => EventTypesByName.GetValueOrDefault(name);

    /// <summary>The names of the event types that end an object's stream (every kind's delete).</summary>
    public static IReadOnlyList<string> DeletionTypeNames { get; } =
        [.. All.SelectMany(k => k.EventTypes).Where(t => typeof(IDeletedEvent).IsAssignableFrom(t)).Select(t => t.Name)];

    /// <summary>The object after <paramref name="e"/>, folded by its kind's evolver; unchanged for an event of no known
    /// kind.</summary>
    public static IKubeObject? Apply(IKubeObject? current, IObjectEvent e, EventPosition position) =>
        OfEvent(e) is { } kind ? kind.Apply(current, e, position) : current;
}

using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>The pure fold of a kind's events into its current state. The Api's projection and
/// every informer cache use the same evolver, so both always agree on what an event means.</summary>
public interface IObjectEvolver<T> where T : class, IKubeObject
{
    ResourceKind Kind { get; }

    /// <summary>Every event type of this kind.</summary>
    IReadOnlyList<Type> EventTypes { get; }

    /// <summary>The state after <paramref name="event"/>; null once the object is deleted.</summary>
    T? Apply(T? current, IObjectEvent @event, EventPosition position);
}

/// <summary>Helpers shared by every kind's evolver.</summary>
public static class ObjectMetaEvolution
{
    /// <summary>Metadata stamped with the position of the event that produced it.</summary>
    public static ObjectMeta At(this ObjectMeta meta, EventPosition position) =>
        meta with { ResourceVersion = position.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>Metadata with the given changes applied; an empty collection clears the field.</summary>
    public static ObjectMeta With(this ObjectMeta meta, MetadataChanges changes) => meta with
    {
        Labels = changes.Labels is null ? meta.Labels : NullIfEmpty(changes.Labels),
        Annotations = changes.Annotations is null ? meta.Annotations : NullIfEmpty(changes.Annotations),
        OwnerReferences = changes.OwnerReferences is null ? meta.OwnerReferences : NullIfEmpty(changes.OwnerReferences),
        Finalizers = changes.Finalizers is null ? meta.Finalizers : NullIfEmpty(changes.Finalizers),
        DeletionTimestamp = changes.DeletionTimestamp ?? meta.DeletionTimestamp,
        DeletionGracePeriodSeconds = changes.DeletionGracePeriodSeconds ?? meta.DeletionGracePeriodSeconds,
    };

    /// <summary>The changes that turn <paramref name="old"/> into <paramref name="updated"/>.</summary>
    public static MetadataChanges Diff(ObjectMeta old, ObjectMeta updated) => new()
    {
        Labels = DictionaryEquals(old.Labels, updated.Labels) ? null : updated.Labels ?? [],
        Annotations = DictionaryEquals(old.Annotations, updated.Annotations) ? null : updated.Annotations ?? [],
        OwnerReferences = ListEquals(old.OwnerReferences, updated.OwnerReferences) ? null : updated.OwnerReferences ?? [],
        Finalizers = ListEquals(old.Finalizers, updated.Finalizers) ? null : updated.Finalizers ?? [],
        // Deletion, once begun, is never undone: only a new value is a change.
        DeletionTimestamp = updated.DeletionTimestamp == old.DeletionTimestamp ? null : updated.DeletionTimestamp,
        DeletionGracePeriodSeconds = updated.DeletionGracePeriodSeconds == old.DeletionGracePeriodSeconds ? null : updated.DeletionGracePeriodSeconds,
    };

    /// <summary>Whether two maps hold the same keys and values (no map and an empty one are the same; byte arrays are
    /// compared by content).</summary>
    public static bool DictionaryEquals<TValue>(IReadOnlyDictionary<string, TValue>? a, IReadOnlyDictionary<string, TValue>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0)) return false;
        if (a is null || b is null) return true;
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other)) return false;
            var equal = value is byte[] bytes && other is byte[] otherBytes
                ? bytes.AsSpan().SequenceEqual(otherBytes)
                : EqualityComparer<TValue>.Default.Equals(value, other);
            if (!equal) return false;
        }
        return true;
    }

    public static bool ListEquals<TItem>(IReadOnlyList<TItem>? a, IReadOnlyList<TItem>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || b is null || a.SequenceEqual(b));

    private static Dictionary<string, string>? NullIfEmpty(Dictionary<string, string> d) => d.Count == 0 ? null : d;
    private static List<TItem>? NullIfEmpty<TItem>(List<TItem> l) => l.Count == 0 ? null : l;
}

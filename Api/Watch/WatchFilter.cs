using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Api.Watch;

/// <summary>The types of watch events.</summary>
public static class WatchEventTypes
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
    public const string Error = "ERROR";
}

/// <summary>One event of a watch stream.</summary>
public readonly record struct WatchEvent(string Type, IKubeObject Object);

/// <summary>What one watch sees: its kind's objects in its namespace that match its selectors. A change that takes an
/// object into the selection is ADDED, out of it DELETED (with the object's last selected state and the change's
/// resourceVersion), as kube-apiserver's watch cache does.</summary>
public sealed class WatchFilter(IWatchedKind kind, string? @namespace, LabelSelector labels, FieldSelector fields)
{
    public bool Matches(IKubeObject obj) =>
        (@namespace is null || obj.Metadata.Namespace == @namespace)
        && labels.Matches(obj.Metadata.Labels)
        && fields.Matches(field => kind.FieldValue(obj, field));

    /// <summary>The event this watch sees for <paramref name="change"/>, or null when the object is not selected
    /// before or after it.</summary>
    public WatchEvent? EventFor(ObjectChange change)
    {
        var before = change.Before is { } old && Matches(old);
        var after = change.After is { } current && Matches(current);
        return (before, after) switch
        {
            (false, true) => new WatchEvent(WatchEventTypes.Added, change.After!),
            (true, true) => new WatchEvent(WatchEventTypes.Modified, change.After!),
            (true, false) => new WatchEvent(WatchEventTypes.Deleted, kind.WithResourceVersion(change.Before!, change.ResourceVersion)),
            _ => null,
        };
    }
}

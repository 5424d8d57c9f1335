namespace EventOrch.Api.Discovery;

/// <summary>A query parameter a route honours, as the OpenAPI documents describe it.</summary>
/// <param name="Type">The JSON Schema type of its value: string, integer or boolean.</param>
public sealed record QueryParameter(string Name, string Type, string Description);

/// <summary>The query parameters the Api's routes honour.</summary>
public static class QueryParameters
{
    public static readonly QueryParameter LabelSelector = new("labelSelector", "string",
        "Restricts the list to objects whose labels match this selector (app=web,tier in (a,b)).");
    public static readonly QueryParameter FieldSelector = new("fieldSelector", "string",
        "Restricts the list to objects whose fields match this selector (metadata.name=web,status.phase!=Running).");
    public static readonly QueryParameter Limit = new("limit", "integer",
        "The most objects to return; when more remain, the list's metadata.continue fetches the next page.");
    public static readonly QueryParameter Continue = new("continue", "string",
        "The metadata.continue token of the previous page, to fetch the next one.");
    public static readonly QueryParameter FieldValidation = new("fieldValidation", "string",
        "What to do with unknown or duplicate fields in the body: Ignore them, Warn about them (the default), or refuse the request (Strict).");
    public static readonly QueryParameter GracePeriodSeconds = new("gracePeriodSeconds", "integer",
        "How long the object may take to go; 0 deletes at once. Defaults to the object's own grace period.");
    public static readonly QueryParameter PropagationPolicy = new("propagationPolicy", "string",
        "What happens to the object's dependents: Orphan, Background (the default) or Foreground.");
    public static readonly QueryParameter OrphanDependents = new("orphanDependents", "boolean",
        "The older form of propagationPolicy: true orphans the dependents, false deletes them in the background.");
    public static readonly QueryParameter Watch = new("watch", "boolean",
        "Stream the changes (ADDED, MODIFIED, DELETED, BOOKMARK) after resourceVersion instead of answering a list.");
    public static readonly QueryParameter ResourceVersion = new("resourceVersion", "string",
        "Where a watch starts: after this resourceVersion; unset or 0 first sends every current object as ADDED.");
    public static readonly QueryParameter TimeoutSeconds = new("timeoutSeconds", "integer", "How long a watch lasts before the Api ends it.");
    public static readonly QueryParameter AllowWatchBookmarks = new("allowWatchBookmarks", "boolean",
        "Send BOOKMARK events carrying only a resourceVersion to resume from.");
    public static readonly QueryParameter AsOf = new("asOf", "string",
        "Answer with the object(s) as they were at this point of the record: a resourceVersion, or an RFC 3339 time (the newest event at or before it). Objects deleted since are included as they were then.");
    public static readonly QueryParameter DryRun = new("dryRun", "string",
        "All: validate and decide the write, answer what it would store, and store nothing.");
    public static readonly QueryParameter Container = new("container", "string",
        "The container to read the log of; needed when the pod has more than one.");
    public static readonly QueryParameter Follow = new("follow", "boolean", "Keep the stream open and follow the log.");
    public static readonly QueryParameter Previous = new("previous", "boolean", "Read the log of the container's previous, terminated instance.");
    public static readonly QueryParameter SinceSeconds = new("sinceSeconds", "integer", "Only lines written in the last this many seconds.");
    public static readonly QueryParameter TailLines = new("tailLines", "integer", "Only this many lines from the end of the log.");
    public static readonly QueryParameter Timestamps = new("timestamps", "boolean", "Begin each line with its RFC 3339 timestamp.");

    /// <summary>What every list route honours for selecting and paging.</summary>
    public static readonly QueryParameter[] Paging = [LabelSelector, FieldSelector, Limit, Continue];

    /// <summary>What a list route honours when its kind can also be watched (<c>?watch=1</c>).</summary>
    public static readonly QueryParameter[] List = [.. Paging, AsOf, Watch, ResourceVersion, TimeoutSeconds, AllowWatchBookmarks];

    /// <summary>What a get route of a kind kept in the event store honours.</summary>
    public static readonly QueryParameter[] Get = [AsOf];

    /// <summary>What every create, update and patch route honours.</summary>
    public static readonly QueryParameter[] Write = [FieldValidation, DryRun];

    /// <summary>What a delete route honours beside a DeleteOptions body.</summary>
    public static readonly QueryParameter[] Delete = [GracePeriodSeconds, PropagationPolicy, OrphanDependents, DryRun];

    public static readonly QueryParameter[] Log = [Container, Follow, Previous, SinceSeconds, TailLines, Timestamps];
}

using EventOrch.Contracts.Kinds;

namespace EventOrch.Api.Discovery;

/// <summary>A group, version and kind, as discovery and OpenAPI name them.</summary>
public sealed record GroupVersionKind(string Group, string Version, string Kind)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public static GroupVersionKind Of(ResourceKind kind) => new(kind.Group, kind.Version, kind.Kind);
}

/// <summary>One resource or subresource the Api serves: what discovery lists and what OpenAPI describes.</summary>
/// <param name="Kind">The resource's kind; for a subresource, the kind of the resource it belongs to.</param>
/// <param name="Subresource">status, scale, binding, log, ...; null for the resource itself.</param>
/// <param name="ResponseKind">What the path reads and writes: the kind itself, or autoscaling/v1 Scale for scale, say.</param>
/// <param name="Body">The C# type of that object, for the OpenAPI schema; null when the path reads plain text (pods/log).</param>
/// <param name="Verbs">Kubernetes verbs the routes serve: get, list, watch, create, update, patch, delete.</param>
public sealed record ServedResource(ResourceKind Kind, string? Subresource, GroupVersionKind ResponseKind, Type? Body, IReadOnlySet<string> Verbs)
{
    /// <summary>The discovery name: <c>pods</c>, or <c>pods/status</c>.</summary>
    public string Name => Subresource is null ? Kind.Plural : $"{Kind.Plural}/{Subresource}";

    public string GroupVersion => Kind.ApiVersion;
}

/// <summary>The Kubernetes verbs, in the order discovery lists them.</summary>
public static class Verbs
{
    public const string Create = "create";
    public const string Delete = "delete";
    public const string DeleteCollection = "deletecollection";
    public const string Get = "get";
    public const string List = "list";
    public const string Patch = "patch";
    public const string Update = "update";
    public const string Watch = "watch";

    private static readonly string[] Order = [Create, Delete, DeleteCollection, Get, List, Patch, Update, Watch];

    public static List<string> Sorted(IEnumerable<string> verbs) =>
        verbs.OrderBy(v => Array.IndexOf(Order, v) is var i and >= 0 ? i : Order.Length).ThenBy(v => v, StringComparer.Ordinal).ToList();
}

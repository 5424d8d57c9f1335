using EventOrch.ClientRuntime.Discovery;

namespace EventOrch.Cli.Resources;

/// <summary>How kubectl names resources and objects in its output and paths.</summary>
public static class ResourceNames
{
    /// <summary>"deployment.apps", "pod": the lower-case Kind, with the group when not core.</summary>
    public static string KindAndGroup(this ApiResource resource) =>
        resource.Group.Length == 0 ? resource.Kind.ToLowerInvariant() : $"{resource.Kind.ToLowerInvariant()}.{resource.Group}";

    /// <summary>"deployment.apps/web", as -o name and apply print it.</summary>
    public static string ObjectName(this ApiResource resource, string name) => $"{resource.KindAndGroup()}/{name}";

    /// <summary>"deployments.apps" with the group, "pods" without: how Status messages name a resource.</summary>
    public static string PluralAndGroup(this ApiResource resource) =>
        resource.Group.Length == 0 ? resource.Name : $"{resource.Name}.{resource.Group}";

    /// <summary>The object's path: the collection in <paramref name="namespace"/> (ignored for cluster-scoped kinds), then the name.</summary>
    public static string ItemPath(this ApiResource resource, string? @namespace, string name) =>
        $"{resource.CollectionPath(resource.Namespaced ? @namespace : null)}/{Uri.EscapeDataString(name)}";
}

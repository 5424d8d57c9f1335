using System.Reflection;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Discovery;
using EventOrch.Contracts.Kinds;

namespace EventOrch.Cli.Resources;

/// <summary>The kinds the Api serves, as its discovery documents list them, and how a name typed on the command line
/// (plural, singular, short name or Kind, optionally with its group: <c>deploy</c>, <c>deployments.apps</c>,
/// <c>Deployment</c>) or a manifest's apiVersion and kind maps to one.</summary>
public sealed class KindCatalog(IReadOnlyList<ApiResource> resources, bool fromDiscovery)
{
    /// <summary>Every resource that is not a subresource, in discovery order (the core group first).</summary>
    public IReadOnlyList<ApiResource> Resources { get; } = resources.Where(r => !r.IsSubresource).ToList();

    /// <summary>The subresources (<c>deployments/scale</c>, <c>pods/log</c>).</summary>
    public IReadOnlyList<ApiResource> Subresources { get; } = resources.Where(r => r.IsSubresource).ToList();

    /// <summary>False when the Api serves no discovery documents and the catalog is EventOrch's built-in kind table.</summary>
    public bool FromDiscovery { get; } = fromDiscovery;

    /// <summary>Reads discovery; an Api that answers 404 for <c>/api</c> (it predates discovery) gets the kinds this build
    /// of eoctl knows (<see cref="ResourceKind"/>).</summary>
    public static async Task<KindCatalog> LoadAsync(KubeApiClient api, CancellationToken cancellationToken)
    {
        try
        {
            return new KindCatalog(await new ApiDiscovery(api).PreferredResourcesAsync(cancellationToken), fromDiscovery: true);
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
            return BuiltIn();
        }
    }

    /// <summary>The kinds of <see cref="ResourceKind"/>, with every verb: what this build knows without asking.</summary>
    public static KindCatalog BuiltIn()
    {
        var kinds = typeof(ResourceKind).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ResourceKind))
            .Select(f => (ResourceKind)f.GetValue(null)!)
            .Where(k => k != ResourceKind.Scale)
            .OrderBy(k => k.Group.Length == 0 ? 0 : 1);
        string[] verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
        var resources = new List<ApiResource>();
        foreach (var kind in kinds)
        {
            resources.Add(new ApiResource(kind.ApiVersion, kind.Plural, kind.Kind, kind.Namespaced, verbs, kind.ShortNames, kind.Singular));
            if (kind == ResourceKind.Deployment || kind == ResourceKind.ReplicaSet || kind == ResourceKind.ReplicationController)
                resources.Add(new ApiResource(kind.ApiVersion, kind.Plural + "/scale", "Scale", kind.Namespaced, ["get", "patch", "update"], []));
            if (kind == ResourceKind.Pod)
                resources.Add(new ApiResource(kind.ApiVersion, "pods/log", "Pod", true, ["get"], []));
        }
        return new KindCatalog(resources, fromDiscovery: false);
    }

    /// <summary>The resource a command-line name means; a <see cref="CliException"/> as kubectl words it when none does.</summary>
    public ApiResource Resolve(string text)
    {
        if (TryResolve(text) is { } found) return found;
        throw new CliException($"the server doesn't have a resource type \"{text}\"");
    }

    public ApiResource? TryResolve(string text)
    {
        var lower = text.ToLowerInvariant();
        // "deployments.apps", "deployments.v1.apps": the name, then a group (with a version before it).
        var dot = lower.IndexOf('.');
        var name = dot < 0 ? lower : lower[..dot];
        var qualifier = dot < 0 ? null : lower[(dot + 1)..];
        foreach (var resource in Resources)
        {
            if (qualifier is not null && !QualifierMatches(resource, qualifier)) continue;
            if (Names(resource).Contains(name)) return resource;
        }
        // A Kind with a dot in its group written whole ("ingresses.networking.k8s.io") is handled above; a kind typed as
        // "Ingress" (any case) is matched by its Kind.
        return null;
    }

    /// <summary>The resource that serves <paramref name="kind"/> at <paramref name="apiVersion"/>, for manifests.</summary>
    public ApiResource ForKind(string apiVersion, string kind) =>
        Resources.FirstOrDefault(r => r.GroupVersion == apiVersion && r.Kind == kind)
        ?? throw new CliException($"resource mapping not found for kind \"{kind}\" in version \"{apiVersion}\": "
            + "ensure the kind is served by the server (eoctl get with a plural name lists what is)");

    /// <summary>Whether the Api serves a subresource (<c>deployments/scale</c>) of <paramref name="resource"/>.</summary>
    public bool Serves(ApiResource resource, string subresource) =>
        Subresources.Any(s => s.GroupVersion == resource.GroupVersion && s.Name == $"{resource.Name}/{subresource}");

    /// <summary>Whether Kubernetes Events are served (<c>/api/v1/.../events</c>); unknown when discovery is not served.</summary>
    public bool? ServesEvents => FromDiscovery ? Resources.Any(r => r.GroupVersion == "v1" && r.Name == "events") : null;

    /// <summary>The resources of a category (<c>all</c>), as discovery lists them.</summary>
    public IReadOnlyList<ApiResource> InCategory(string category) =>
        Resources.Where(r => r.Categories?.Contains(category) == true).ToList();

    private static HashSet<string> Names(ApiResource resource)
    {
        var names = new HashSet<string>(StringComparer.Ordinal)
        {
            resource.Name,
            resource.Kind.ToLowerInvariant(),
            string.IsNullOrEmpty(resource.SingularName) ? resource.Kind.ToLowerInvariant() : resource.SingularName,
        };
        foreach (var shortName in resource.ShortNames) names.Add(shortName);
        return names;
    }

    private static bool QualifierMatches(ApiResource resource, string qualifier)
    {
        var version = resource.GroupVersion.Contains('/') ? resource.GroupVersion[(resource.GroupVersion.IndexOf('/') + 1)..] : resource.GroupVersion;
        return qualifier == resource.Group || qualifier == $"{version}.{resource.Group}".TrimEnd('.') || (resource.Group.Length == 0 && qualifier == version);
    }
}

using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;

namespace EventOrch.ClientRuntime.Discovery;

/// <summary>One resource the Api serves, as its discovery documents list it.</summary>
public sealed record ApiResource(string GroupVersion, string Name, string Kind, bool Namespaced, IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ShortNames, string SingularName = "", IReadOnlyList<string>? Categories = null)
{
    public string Group => GroupVersion.Contains('/') ? GroupVersion[..GroupVersion.IndexOf('/')] : "";

    public bool IsSubresource => Name.Contains('/');

    public bool Supports(string verb) => Verbs.Contains(verb);

    /// <summary>The collection's path in <paramref name="namespace"/> (every namespace when null).</summary>
    public string CollectionPath(string? @namespace)
    {
        var prefix = GroupVersion.Contains('/') ? $"/apis/{GroupVersion}" : $"/api/{GroupVersion}";
        return Namespaced && @namespace is not null ? $"{prefix}/namespaces/{Uri.EscapeDataString(@namespace)}/{Name}" : $"{prefix}/{Name}";
    }
}

/// <summary>Reads the Api's discovery documents (/api, /apis, and each group-version), as Kubernetes clients do, so a
/// client can act on every kind the Api serves, kinds added later included.</summary>
public sealed class ApiDiscovery(KubeApiClient api)
{
    /// <summary>The resources of every group's preferred version (subresources included, named "pods/status"). /api and
    /// /apis are read together, then every group-version at once.</summary>
    public async Task<IReadOnlyList<ApiResource>> PreferredResourcesAsync(CancellationToken cancellationToken)
    {
        var roots = await Task.WhenAll(api.GetJsonAsync("/api", cancellationToken), api.GetJsonAsync("/apis", cancellationToken));
        var (core, groups) = (roots[0], roots[1]);
        var groupVersions = new List<string>();
        groupVersions.AddRange(Strings(core["versions"]).Take(1));
        foreach (var group in groups["groups"]?.AsArray() ?? [])
        {
            var preferred = group?["preferredVersion"]?["groupVersion"]?.GetValue<string>()
                ?? group?["versions"]?.AsArray().FirstOrDefault()?["groupVersion"]?.GetValue<string>();
            if (preferred is not null) groupVersions.Add(preferred);
        }

        var lists = await Task.WhenAll(groupVersions.Select(groupVersion =>
            api.GetJsonAsync(groupVersion.Contains('/') ? $"/apis/{groupVersion}" : $"/api/{groupVersion}", cancellationToken)));
        var resources = new List<ApiResource>();
        foreach (var (groupVersion, list) in groupVersions.Zip(lists))
        {
            foreach (var resource in list["resources"]?.AsArray() ?? [])
            {
                if (resource is null) continue;
                resources.Add(new ApiResource(
                    groupVersion,
                    resource["name"]?.GetValue<string>() ?? "",
                    resource["kind"]?.GetValue<string>() ?? "",
                    resource["namespaced"]?.GetValue<bool>() ?? false,
                    Strings(resource["verbs"]),
                    Strings(resource["shortNames"]),
                    resource["singularName"]?.GetValue<string>() ?? "",
                    Strings(resource["categories"])));
            }
        }
        return resources;
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n?.GetValue<string>()).OfType<string>().ToList() : [];
}

namespace EventOrch.Api.Discovery;

/// <summary>The discovery documents, built from what the route mapping registered: the core group's versions
/// (/api), the named groups (/apis, /apis/{group}), each group-version's resources, and the aggregated
/// (apidiscovery.k8s.io/v2) form of /api and /apis.</summary>
public sealed class DiscoveryDocuments(ApiResourceRegistry registry)
{
    private readonly DocumentCache _cache = new(registry);

    public const string AggregatedV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    public const string AggregatedV2Beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

    public ApiVersions CoreVersions(string serverAddress) => new()
    {
        Versions = GroupVersions(registry.Resources, core: true).Select(gv => gv.Version).ToList(),
        ServerAddressByClientCIDRs = [new ServerAddressByClientCidr { ClientCIDR = "0.0.0.0/0", ServerAddress = serverAddress }],
    };

    public ServedDocument Groups() => _cache.Get("apis", () => ServedDocument.Json(new ApiGroupList
    {
        Groups = GroupNames(registry.Resources).Select(name => GroupOf(registry.Resources, name)).ToList(),
    }))!;

    /// <summary>GET /apis/{group}; null when no such group is served.</summary>
    public ServedDocument? Group(string name) => _cache.Get($"apis/{name}", () =>
        name.Length > 0 && GroupNames(registry.Resources).Contains(name)
            ? ServedDocument.Json(GroupOf(registry.Resources, name) with { Kind = "APIGroup", ApiVersion = "v1" })
            : null);

    /// <summary>The resources of a group-version ("v1", "apps/v1"); null when it is not served.</summary>
    public ServedDocument? Resources(string groupVersion) => _cache.Get($"resources/{groupVersion}", () =>
    {
        var served = registry.Resources.Where(r => r.GroupVersion == groupVersion).ToList();
        return served.Count == 0 ? null : ServedDocument.Json(new ApiResourceList
        {
            GroupVersion = groupVersion,
            Resources = served.OrderBy(r => r.Name, StringComparer.Ordinal).Select(ToApiResource).ToList(),
        });
    });

    /// <summary>The aggregated form of /api (<paramref name="core"/>) or /apis, as <paramref name="contentType"/>
    /// (v2 or v2beta1, which have the same shape).</summary>
    public ServedDocument Aggregated(bool core, string contentType) => _cache.Get($"aggregated/{core}/{contentType}", () =>
    {
        var resources = registry.Resources;
        List<string> names = core ? [""] : GroupNames(resources);
        var list = new ApiGroupDiscoveryList
        {
            ApiVersion = contentType == AggregatedV2Beta1 ? "apidiscovery.k8s.io/v2beta1" : "apidiscovery.k8s.io/v2",
            Items = names.Select(name => new ApiGroupDiscovery
            {
                Metadata = new DiscoveryObjectMeta { Name = name },
                Versions = resources.Where(r => r.Kind.Group == name).GroupBy(r => r.Kind.Version)
                    .Select(version => new ApiVersionDiscovery { Version = version.Key, Resources = AggregatedResources(version.ToList()) })
                    .ToList(),
            }).Where(g => g.Versions.Count > 0).ToList(),
        };
        return ServedDocument.Json(list, contentType);
    })!;

    private static List<string> GroupNames(IReadOnlyList<ServedResource> resources) =>
        resources.Select(r => r.Kind.Group).Where(g => g.Length > 0).Distinct().ToList();

    private static List<(string Group, string Version)> GroupVersions(IReadOnlyList<ServedResource> resources, bool core) =>
        resources.Where(r => (r.Kind.Group.Length == 0) == core).Select(r => (r.Kind.Group, r.Kind.Version)).Distinct().ToList();

    private static ApiGroup GroupOf(IReadOnlyList<ServedResource> resources, string name)
    {
        var versions = resources.Where(r => r.Kind.Group == name).Select(r => r.Kind.Version).Distinct()
            .Select(v => new GroupVersionForDiscovery { GroupVersion = $"{name}/{v}", Version = v }).ToList();
        return new ApiGroup { Name = name, Versions = versions, PreferredVersion = versions[0] };
    }

    private static ApiResource ToApiResource(ServedResource served)
    {
        var foreign = served.ResponseKind.GroupVersion != served.GroupVersion;
        return new ApiResource
        {
            Name = served.Name,
            SingularName = served.Subresource is null ? served.Kind.Singular : "",
            Namespaced = served.Kind.Namespaced,
            Group = foreign ? served.ResponseKind.Group : null,
            Version = foreign ? served.ResponseKind.Version : null,
            Kind = served.ResponseKind.Kind,
            Verbs = Verbs.Sorted(served.VerbNames),
            ShortNames = served.Subresource is null && served.Kind.ShortNames.Count > 0 ? [.. served.Kind.ShortNames] : null,
            Categories = served.Subresource is null && served.Kind.Categories.Count > 0 ? [.. served.Kind.Categories] : null,
        };
    }

    // A resource with its subresources nested under it; a subresource whose resource is not served itself still
    // needs the entry to hang from, with no verbs of its own.
    private static List<ApiResourceDiscovery> AggregatedResources(List<ServedResource> served) =>
        served.GroupBy(r => r.Kind.Plural).OrderBy(g => g.Key, StringComparer.Ordinal).Select(byResource =>
        {
            var main = byResource.FirstOrDefault(r => r.Subresource is null);
            var kind = byResource.First().Kind;
            var subresources = byResource.Where(r => r.Subresource is not null).OrderBy(r => r.Subresource, StringComparer.Ordinal)
                .Select(r => new ApiSubresourceDiscovery
                {
                    Subresource = r.Subresource!,
                    ResponseKind = r.ResponseKind,
                    Verbs = Verbs.Sorted(r.VerbNames),
                }).ToList();
            return new ApiResourceDiscovery
            {
                Resource = kind.Plural,
                ResponseKind = GroupVersionKind.Of(kind),
                Scope = kind.Namespaced ? "Namespaced" : "Cluster",
                SingularResource = kind.Singular,
                Verbs = main is null ? [] : Verbs.Sorted(main.VerbNames),
                ShortNames = kind.ShortNames.Count > 0 ? [.. kind.ShortNames] : null,
                Categories = kind.Categories.Count > 0 ? [.. kind.Categories] : null,
                Subresources = subresources.Count > 0 ? subresources : null,
            };
        }).ToList();
}

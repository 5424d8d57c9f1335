using System.Globalization;
using EventOrch.Contracts.Model;
using Yarp.ReverseProxy.Configuration;

namespace EventOrch.ServiceProxy.Configuration;

/// <summary>The stable routes of a headless Service's members (what Kubernetes' DNS gives a StatefulSet's pods): each
/// ready address that carries a <c>hostname</c> gets, per service port, a cluster of that address alone and an
/// entry-point route matched by Host <c>{hostname}.{service}.{namespace}.svc</c> and <c>{hostname}.{service}.{namespace}</c>
/// (with <c>:{port}</c> for every port but the first, as the service's own routes).</summary>
public static class MemberRoutes
{
    public const string Headless = "None";

    public static bool IsHeadless(Service service) => service.Spec.ClusterIP == Headless;

    /// <summary>Adds the member clusters and routes of one port of a headless Service; <paramref name="template"/> is the
    /// port's own cluster, whose policy and health check the members' clusters share.</summary>
    public static void Add(Service service, ServicePort port, bool isDefault, Endpoints? endpoints, ClusterConfig template,
        List<ClusterConfig> clusters, List<RouteConfig> routes, List<string> names)
    {
        var ns = service.Metadata.Namespace!;
        var name = service.Metadata.Name!;
        var hostnames = (endpoints?.Subsets ?? []).SelectMany(s => s.Addresses ?? []).Select(a => a.Hostname)
            .OfType<string>().Where(h => h.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var hostname in hostnames)
        {
            var destinations = ProxyConfigBuilder.DestinationsFor(port, OnlyHost(endpoints!, hostname));
            if (destinations.Count == 0) continue;
            var clusterId = $"{template.ClusterId}/member/{hostname}";
            clusters.Add(template with { ClusterId = clusterId, Destinations = destinations });
            var suffix = isDefault ? "" : $":{port.Port.ToString(CultureInfo.InvariantCulture)}";
            routes.Add(new RouteConfig
            {
                RouteId = $"{clusterId}/entry",
                ClusterId = clusterId,
                Order = isDefault ? 1 : 0,
                Match = new RouteMatch { Hosts = [$"{hostname}.{name}.{ns}.svc{suffix}", $"{hostname}.{name}.{ns}{suffix}"], Path = "/{**catch-all}" },
                Metadata = new Dictionary<string, string> { [ProxyMetadata.Listener] = ProxyMetadata.EntryListener, [ProxyMetadata.Service] = $"{ns}/{name}" },
            });
            if (isDefault) names.Add($"{hostname}.{name}.{ns}");
        }
    }

    // The Endpoints with only the ready addresses of one hostname.
    private static Endpoints OnlyHost(Endpoints endpoints, string hostname) => endpoints with
    {
        Subsets = endpoints.Subsets?.Select(s => s with { Addresses = s.Addresses?.Where(a => a.Hostname == hostname).ToList() }).ToList(),
    };
}

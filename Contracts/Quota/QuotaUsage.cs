using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Contracts.Quota;

/// <summary>What one object uses of the resources a quota can constrain (Kubernetes' quota evaluators for pods,
/// services and object counts), and what a namespace's objects use together.</summary>
public static class QuotaUsage
{
    private static readonly Quantity One = new(1);

    /// <summary>The usage of <paramref name="obj"/> of kind <paramref name="kind"/> at <paramref name="now"/>: its object
    /// count always; for a pod still running (not Succeeded or Failed, not past its deletion grace period) also
    /// <c>pods</c> and its compute requests and limits; for a service its node ports and load balancers; for a claim
    /// the storage it requests, in all and of its StorageClass (with one claim of that class).</summary>
    public static Dictionary<string, Quantity> Of(ResourceKind kind, IKubeObject obj, DateTimeOffset now)
    {
        var usage = new Dictionary<string, Quantity>(StringComparer.Ordinal) { [QuotaResources.CountOf(kind)] = One };
        if (QuotaResources.LegacyCountOf(kind) is { } legacy) usage[legacy] = One;
        switch (obj)
        {
            case Pod pod when Counts(pod, now):
                foreach (var (name, quantity) in PodCompute(pod)) usage[name] = quantity;
                break;
            case Service service:
                usage[QuotaResources.Services] = One;
                usage[QuotaResources.ServicesNodePorts] = service.Spec.Type == ServiceTypes.NodePort
                    ? new Quantity(service.Spec.Ports?.Count ?? 0) : Quantity.Zero;
                usage[QuotaResources.ServicesLoadBalancers] = service.Spec.Type == "LoadBalancer" ? One : Quantity.Zero;
                break;
            case PersistentVolumeClaim claim:
                var storage = Quantity.TryParse(claim.Spec.Resources?.Requests?.GetValueOrDefault("storage"), out var requested) ? requested : Quantity.Zero;
                usage[QuotaResources.RequestsStorage] = storage;
                if (claim.Spec.StorageClassName is { Length: > 0 } storageClass)
                {
                    usage[QuotaResources.OfStorageClass(storageClass, QuotaResources.RequestsStorage)] = storage;
                    usage[QuotaResources.OfStorageClass(storageClass, QuotaResources.PersistentVolumeClaims)] = One;
                }
                break;
        }
        return usage;
    }

    /// <summary>What the objects use together of <paramref name="resources"/>; a resource none of them uses is used at 0.</summary>
    public static Dictionary<string, Quantity> Total(IEnumerable<string> resources, IEnumerable<(ResourceKind Kind, IKubeObject Object)> objects,
        DateTimeOffset now)
    {
        var names = resources.ToList();
        var total = names.ToDictionary(n => n, _ => Quantity.Zero, StringComparer.Ordinal);
        foreach (var (kind, obj) in objects) total = ResourceList.Add(total, ResourceList.Mask(Of(kind, obj, now), names));
        return total;
    }

    /// <summary>Kubernetes' QuotaV1Pod: a pod that reached its end (Succeeded, Failed) or whose deletion grace period has
    /// passed no longer counts against compute quota.</summary>
    public static bool Counts(Pod pod, DateTimeOffset now)
    {
        if (pod.Status?.Phase is PodPhases.Succeeded or PodPhases.Failed) return false;
        if (pod.Metadata.DeletionTimestamp is { } deletion && pod.Metadata.DeletionGracePeriodSeconds is { } grace
            && now > deletion + TimeSpan.FromSeconds(grace))
            return false;
        return true;
    }

    /// <summary><c>pods</c> and the pod's compute usage: the sum of its containers' requests and limits, or an init
    /// container's when it needs more, as Kubernetes counts them.</summary>
    public static Dictionary<string, Quantity> PodCompute(Pod pod)
    {
        var requests = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var limits = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var container in pod.Spec.Containers)
        {
            requests = ResourceList.Add(requests, ResourceList.Parse(container.Resources?.Requests));
            limits = ResourceList.Add(limits, ResourceList.Parse(container.Resources?.Limits));
        }
        foreach (var container in pod.Spec.InitContainers ?? [])
        {
            requests = ResourceList.Max(requests, ResourceList.Parse(container.Resources?.Requests));
            limits = ResourceList.Max(limits, ResourceList.Parse(container.Resources?.Limits));
        }
        return ComputeUsage(requests, limits);
    }

    /// <summary>Kubernetes' podComputeUsageHelper: <c>pods</c>, then <c>cpu</c> and <c>requests.cpu</c> for a cpu request,
    /// <c>limits.cpu</c> for a cpu limit, the same for memory and ephemeral storage, and <c>requests.{name}</c> for
    /// hugepages and extended resources.</summary>
    public static Dictionary<string, Quantity> ComputeUsage(IReadOnlyDictionary<string, Quantity> requests, IReadOnlyDictionary<string, Quantity> limits)
    {
        var usage = new Dictionary<string, Quantity>(StringComparer.Ordinal) { [QuotaResources.Pods] = One };
        foreach (var name in new[] { QuotaResources.Cpu, QuotaResources.Memory, QuotaResources.EphemeralStorage })
        {
            if (requests.TryGetValue(name, out var request))
            {
                usage[name] = request;
                usage[QuotaResources.RequestsPrefix + name] = request;
            }
            if (limits.TryGetValue(name, out var limit)) usage[QuotaResources.LimitsPrefix + name] = limit;
        }
        foreach (var (name, request) in requests)
        {
            if (name.StartsWith("hugepages-", StringComparison.Ordinal) || name.Contains('/')) usage[QuotaResources.RequestsPrefix + name] = request;
        }
        return usage;
    }
}

using EventOrch.Contracts.Kinds;

namespace EventOrch.Contracts.Quota;

/// <summary>The resource names a ResourceQuota may constrain, and which kind of object each is measured on.</summary>
public static class QuotaResources
{
    public const string Pods = "pods";
    public const string Services = "services";
    public const string ServicesNodePorts = "services.nodeports";
    public const string ServicesLoadBalancers = "services.loadbalancers";
    public const string ConfigMaps = "configmaps";
    public const string Secrets = "secrets";
    public const string ReplicationControllers = "replicationcontrollers";
    public const string ResourceQuotas = "resourcequotas";
    public const string PersistentVolumeClaims = "persistentvolumeclaims";
    /// <summary>What the namespace's claims request of storage together.</summary>
    public const string RequestsStorage = "requests.storage";
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string EphemeralStorage = "ephemeral-storage";
    public const string RequestsPrefix = "requests.";
    public const string LimitsPrefix = "limits.";
    public const string CountPrefix = "count/";
    /// <summary>The ending of a StorageClass's own quota names: <c>gold.storageclass.storage.k8s.io/requests.storage</c>.</summary>
    public const string StorageClassSuffix = ".storageclass.storage.k8s.io/";

    /// <summary>A StorageClass's share of <paramref name="resource"/> (<c>requests.storage</c> or <c>persistentvolumeclaims</c>).</summary>
    public static string OfStorageClass(string storageClass, string resource) => storageClass + StorageClassSuffix + resource;

    // Whether the name is a StorageClass's share of the resource (the class being any non-empty prefix).
    private static bool IsStorageClassShare(string name, string resource) =>
        name.EndsWith(StorageClassSuffix + resource, StringComparison.Ordinal) && name.Length > StorageClassSuffix.Length + resource.Length;

    /// <summary>The compute resources a pod must name in every container when a quota constrains them (Kubernetes' backward
    /// compatibility rule for cpu and memory).</summary>
    public static readonly IReadOnlySet<string> MustBeSpecified = new HashSet<string>(StringComparer.Ordinal)
    {
        Cpu, Memory, RequestsPrefix + Cpu, RequestsPrefix + Memory, LimitsPrefix + Cpu, LimitsPrefix + Memory,
    };

    // The names from before object counts had their count/ form: each counts the objects of one kind.
    private static readonly Dictionary<string, ResourceKind> LegacyCounts = new(StringComparer.Ordinal)
    {
        [ConfigMaps] = ResourceKind.ConfigMap,
        [Secrets] = ResourceKind.Secret,
        [ReplicationControllers] = ResourceKind.ReplicationController,
        [ResourceQuotas] = ResourceKind.ResourceQuota,
        [PersistentVolumeClaims] = ResourceKind.PersistentVolumeClaim,
    };

    /// <summary>The object-count name of a kind: <c>count/pods</c> for the core group, <c>count/deployments.apps</c> otherwise.</summary>
    public static string CountOf(ResourceKind kind) =>
        kind.Group.Length == 0 ? CountPrefix + kind.Plural : $"{CountPrefix}{kind.Plural}.{kind.Group}";

    /// <summary>The legacy count name of a kind (<c>configmaps</c>), if it has one.</summary>
    public static string? LegacyCountOf(ResourceKind kind) => LegacyCounts.FirstOrDefault(p => p.Value == kind).Key;

    /// <summary>The kind whose objects a resource name is measured on; null for one nothing here measures (a count of a
    /// kind that is not served or not namespaced), which is then always used at 0.</summary>
    public static ResourceKind? MeasuredOn(string resource)
    {
        if (resource == RequestsStorage || IsStorageClassShare(resource, RequestsStorage) || IsStorageClassShare(resource, PersistentVolumeClaims))
            return ResourceKind.PersistentVolumeClaim;
        if (resource is Pods or Cpu or Memory or EphemeralStorage || resource.StartsWith(RequestsPrefix, StringComparison.Ordinal)
            || resource.StartsWith(LimitsPrefix, StringComparison.Ordinal) || resource.StartsWith("hugepages-", StringComparison.Ordinal))
            return ResourceKind.Pod;
        if (resource is Services or ServicesNodePorts or ServicesLoadBalancers) return ResourceKind.Service;
        if (LegacyCounts.TryGetValue(resource, out var legacy)) return legacy;
        if (!resource.StartsWith(CountPrefix, StringComparison.Ordinal)) return null;
        // A quota is a namespace's: a cluster-scoped kind (nodes, namespaces) has nothing in it to count.
        return StoredKinds.All.Select(k => k.Kind).FirstOrDefault(k => k.Namespaced && CountOf(k) == resource);
    }

    /// <summary>Whether a quota of this resource is a whole number (objects, node ports) rather than an amount.</summary>
    public static bool IsCount(string resource) =>
        resource is Pods or Services or ServicesNodePorts or ServicesLoadBalancers or PersistentVolumeClaims
        || LegacyCounts.ContainsKey(resource) || resource.StartsWith(CountPrefix, StringComparison.Ordinal)
        || IsStorageClassShare(resource, PersistentVolumeClaims);
}

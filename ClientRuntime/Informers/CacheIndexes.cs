using EventOrch.Contracts.Model;

namespace EventOrch.ClientRuntime.Informers;

/// <summary>The cache indexes components share: one name, one definition, however many components add them.</summary>
public static class CacheIndexes
{
    public const string NodeName = "spec.nodeName";
    public const string Namespace = "metadata.namespace";

    public static void AddNodeIndex(this InformerCache<Pod> cache) => cache.AddIndex(NodeName, p => p.Spec.NodeName);

    public static IReadOnlyList<Pod> OnNode(this InformerCache<Pod> cache, string node) => cache.ByIndex(NodeName, node);

    public static void AddNamespaceIndex<T>(this InformerCache<T> cache) where T : class, IKubeObject =>
        cache.AddIndex(Namespace, o => o.Metadata.Namespace);

    public static IReadOnlyList<T> InNamespace<T>(this InformerCache<T> cache, string @namespace) where T : class, IKubeObject =>
        cache.ByIndex(Namespace, @namespace);
}

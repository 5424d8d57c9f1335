using EventOrch.Contracts.Model;

namespace EventOrch.ClientRuntime.Informers;

/// <summary>The pod indexes components share: one name, one definition, however many components add them.</summary>
public static class PodIndexes
{
    public const string NodeName = "spec.nodeName";
    public const string Namespace = "metadata.namespace";

    public static void AddNodeIndex(this InformerCache<Pod> cache) => cache.AddIndex(NodeName, p => p.Spec.NodeName);

    public static void AddNamespaceIndex(this InformerCache<Pod> cache) => cache.AddIndex(Namespace, p => p.Metadata.Namespace);

    public static IReadOnlyList<Pod> OnNode(this InformerCache<Pod> cache, string node) => cache.ByIndex(NodeName, node);

    public static IReadOnlyList<Pod> InNamespace(this InformerCache<Pod> cache, string @namespace) => cache.ByIndex(Namespace, @namespace);
}

using EventOrch.Contracts.Model;

namespace EventOrch.ClientRuntime.Informers;

/// <summary>The "namespace/name" key components queue and look objects up by (just "/name" for a cluster-scoped one).</summary>
public static class ObjectKey
{
    public static string Of(string? @namespace, string name) => $"{@namespace}/{name}";

    public static string Of(IKubeObject obj) => Of(obj.Metadata.Namespace, obj.Metadata.Name!);

    public static (string Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }
}

using System.Text.Json.Serialization;
using EventOrch.Contracts.Kinds;

namespace EventOrch.Api.Discovery;

/// <summary>A group, version and kind, as discovery and OpenAPI name them.</summary>
public sealed record GroupVersionKind(string Group, string Version, string Kind)
{
    /// <summary>apps/v1, or v1 for the core group; not written to JSON, where the three fields are (meta/v1 GroupVersionKind).</summary>
    [JsonIgnore]
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The group's first label, as Kubernetes names packages, tags and operations after it: core for the core
    /// group, apps, networking for networking.k8s.io, ...</summary>
    public static string ShortGroup(string group) => group.Length == 0 ? "core" : group.Split('.')[0];

    public static GroupVersionKind Of(ResourceKind kind) => new(kind.Group, kind.Version, kind.Kind);
}

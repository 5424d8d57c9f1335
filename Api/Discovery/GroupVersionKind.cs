using EventOrch.Contracts.Kinds;

namespace EventOrch.Api.Discovery;

/// <summary>A group, version and kind, as discovery and OpenAPI name them.</summary>
public sealed record GroupVersionKind(string Group, string Version, string Kind)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public static GroupVersionKind Of(ResourceKind kind) => new(kind.Group, kind.Version, kind.Kind);
}

namespace EventOrch.Contracts.Model;

/// <summary>v1 LimitRange: per-container defaults for requests and limits, and the bounds a container's resources must
/// keep, applied to the pods created in its namespace.</summary>
public sealed record LimitRange : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "LimitRange";
    public ObjectMeta Metadata { get; init; } = new();
    public LimitRangeSpec Spec { get; init; } = new();
}

public sealed record LimitRangeSpec
{
    public List<LimitRangeItem> Limits { get; init; } = [];
}

/// <summary>The limits of one type of object; only <see cref="LimitTypes.Container"/> is served.</summary>
public sealed record LimitRangeItem
{
    public string Type { get; init; } = "";
    public Dictionary<string, string>? Max { get; init; }
    public Dictionary<string, string>? Min { get; init; }

    /// <summary>The limits a container gets for a resource it sets no limit for.</summary>
    public Dictionary<string, string>? Default { get; init; }

    /// <summary>The requests a container gets for a resource it sets no request for.</summary>
    public Dictionary<string, string>? DefaultRequest { get; init; }

    /// <summary>The most a container's limit may be as a multiple of its request.</summary>
    public Dictionary<string, string>? MaxLimitRequestRatio { get; init; }
}

public static class LimitTypes
{
    public const string Container = "Container";
    public const string Pod = "Pod";
    public const string PersistentVolumeClaim = "PersistentVolumeClaim";
}

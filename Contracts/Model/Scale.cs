namespace EventOrch.Contracts.Model;

/// <summary>autoscaling/v1 Scale: the <c>scale</c> subresource of a workload (what <c>kubectl scale</c> and the
/// autoscalers read and write).</summary>
public sealed record Scale : IKubeObject
{
    public string ApiVersion { get; init; } = "autoscaling/v1";
    public string Kind { get; init; } = "Scale";
    public ObjectMeta Metadata { get; init; } = new();
    public ScaleSpec Spec { get; init; } = new();
    public ScaleStatus? Status { get; init; }
}

public sealed record ScaleSpec
{
    public int? Replicas { get; init; }
}

public sealed record ScaleStatus
{
    public int Replicas { get; init; }
    /// <summary>The workload's label selector in its string form (<c>app=web,tier in (a,b)</c>).</summary>
    public string? Selector { get; init; }
}

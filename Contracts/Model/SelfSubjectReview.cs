namespace EventOrch.Contracts.Model;

/// <summary>authentication.k8s.io/v1 SelfSubjectReview (<c>kubectl auth whoami</c>): created empty, answered with who the
/// caller is authenticated as; never stored.</summary>
public sealed record SelfSubjectReview : IKubeObject
{
    public string ApiVersion { get; init; } = "authentication.k8s.io/v1";
    public string Kind { get; init; } = "SelfSubjectReview";
    public ObjectMeta Metadata { get; init; } = new();
    public SelfSubjectReviewStatus? Status { get; init; }
}

public sealed record SelfSubjectReviewStatus
{
    public UserInfo UserInfo { get; init; } = new();
}

/// <summary>An authenticated identity: its name, uid and groups.</summary>
public sealed record UserInfo
{
    public string? Username { get; init; }
    public string? Uid { get; init; }
    public List<string>? Groups { get; init; }
}

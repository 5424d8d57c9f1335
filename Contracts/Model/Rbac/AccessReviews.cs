namespace EventOrch.Contracts.Model.Rbac;

/// <summary>authorization.k8s.io/v1 SelfSubjectAccessReview: may the caller do this? Created, answered, never stored.</summary>
public sealed record SelfSubjectAccessReview : IKubeObject
{
    public string ApiVersion { get; init; } = AccessReviewNames.ApiVersion;
    public string Kind { get; init; } = "SelfSubjectAccessReview";
    public ObjectMeta Metadata { get; init; } = new();
    public SelfSubjectAccessReviewSpec Spec { get; init; } = new();
    public SubjectAccessReviewStatus? Status { get; init; }
}

public sealed record SelfSubjectAccessReviewSpec
{
    public ResourceAttributes? ResourceAttributes { get; init; }
    public NonResourceAttributes? NonResourceAttributes { get; init; }
}

/// <summary>authorization.k8s.io/v1 SubjectAccessReview: may this user (with these groups) do this?</summary>
public sealed record SubjectAccessReview : IKubeObject
{
    public string ApiVersion { get; init; } = AccessReviewNames.ApiVersion;
    public string Kind { get; init; } = "SubjectAccessReview";
    public ObjectMeta Metadata { get; init; } = new();
    public SubjectAccessReviewSpec Spec { get; init; } = new();
    public SubjectAccessReviewStatus? Status { get; init; }
}

public sealed record SubjectAccessReviewSpec
{
    public ResourceAttributes? ResourceAttributes { get; init; }
    public NonResourceAttributes? NonResourceAttributes { get; init; }
    public string? User { get; init; }
    public List<string>? Groups { get; init; }
    public string? Uid { get; init; }
}

/// <summary>A resource request to review; empty fields mean "all" (any name, the cluster scope, the core group).</summary>
public sealed record ResourceAttributes
{
    public string? Namespace { get; init; }
    public string? Verb { get; init; }
    public string? Group { get; init; }
    public string? Version { get; init; }
    public string? Resource { get; init; }
    public string? Subresource { get; init; }
    public string? Name { get; init; }
}

public sealed record NonResourceAttributes
{
    public string? Path { get; init; }
    public string? Verb { get; init; }
}

public sealed record SubjectAccessReviewStatus
{
    public bool Allowed { get; init; }
    public bool? Denied { get; init; }
    public string? Reason { get; init; }
    public string? EvaluationError { get; init; }
}

/// <summary>authorization.k8s.io/v1 SelfSubjectRulesReview: everything the caller may do in a namespace.</summary>
public sealed record SelfSubjectRulesReview : IKubeObject
{
    public string ApiVersion { get; init; } = AccessReviewNames.ApiVersion;
    public string Kind { get; init; } = "SelfSubjectRulesReview";
    public ObjectMeta Metadata { get; init; } = new();
    public SelfSubjectRulesReviewSpec Spec { get; init; } = new();
    public SubjectRulesReviewStatus? Status { get; init; }
}

public sealed record SelfSubjectRulesReviewSpec
{
    public string? Namespace { get; init; }
}

public sealed record SubjectRulesReviewStatus
{
    public List<ResourceRule> ResourceRules { get; init; } = [];
    public List<NonResourceRule> NonResourceRules { get; init; } = [];
    public bool Incomplete { get; init; }
    public string? EvaluationError { get; init; }
}

public sealed record ResourceRule
{
    public List<string> Verbs { get; init; } = [];
    public List<string>? ApiGroups { get; init; }
    public List<string>? Resources { get; init; }
    public List<string>? ResourceNames { get; init; }
}

public sealed record NonResourceRule
{
    public List<string> Verbs { get; init; } = [];
    public List<string>? NonResourceURLs { get; init; }
}

public static class AccessReviewNames
{
    public const string Group = "authorization.k8s.io";
    public const string ApiVersion = Group + "/v1";
}

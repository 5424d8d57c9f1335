namespace EventOrch.Api.RateLimiting;

/// <summary>Fair use (configuration section "RateLimit"): every user has a bucket of <see cref="Burst"/> requests that
/// refills at <see cref="RequestsPerSecond"/>; a request that finds it empty is a 429 with Retry-After, so one
/// tenant's burst cannot take the Api from the others.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests per second a user may make on average.</summary>
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>Requests a user may make at once after being quiet.</summary>
    public int Burst { get; set; } = 100;

    /// <summary>Groups never limited: cluster administrators and the cluster's own components, as Kubernetes' priority
    /// and fairness exempts <c>system:masters</c>.</summary>
    public List<string> ExemptGroups { get; set; } = ["system:masters", "system:serviceaccounts:kube-system", "system:nodes"];
}

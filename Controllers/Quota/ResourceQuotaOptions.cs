namespace EventOrch.Controllers.Quota;

/// <summary>The resource quota controller's settings (section <c>ResourceQuota</c>).</summary>
public sealed record ResourceQuotaOptions
{
    public const string Section = "ResourceQuota";

    /// <summary>How often every quota's usage is counted afresh even when nothing said it changed (Kubernetes: 5 min).</summary>
    public TimeSpan FullRecalculationPeriod { get; init; } = TimeSpan.FromMinutes(5);
}

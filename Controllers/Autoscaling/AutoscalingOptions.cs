namespace EventOrch.Controllers.Autoscaling;

/// <summary>The horizontal pod autoscaler's settings (section <c>Autoscaling</c>), Kubernetes' controller-manager flags
/// by other names.</summary>
public sealed record AutoscalingOptions
{
    public const string Section = "Autoscaling";

    /// <summary>How often each autoscaler is evaluated (Kubernetes: 15 s).</summary>
    public TimeSpan SyncPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>No change while measured/target stays within 1 ± this.</summary>
    public double Tolerance { get; init; } = 0.1;

    /// <summary>After a pod starts, its cpu counts only once it has been Ready for a whole sample window.</summary>
    public TimeSpan CpuInitializationPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A pod not Ready this long after starting is taken to be failing, not starting.</summary>
    public TimeSpan InitialReadinessDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The scale-down stabilisation window of an autoscaler whose behavior does not set one.</summary>
    public TimeSpan DownscaleStabilization { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The status is written when what it says changes; measured values alone are written at most this often,
    /// so the record does not gain an event per sync.</summary>
    public TimeSpan StatusRefresh { get; init; } = TimeSpan.FromSeconds(30);
}

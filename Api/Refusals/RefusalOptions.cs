namespace EventOrch.Api.Refusals;

/// <summary>The log of refused requests (configuration section "Refusals").</summary>
public sealed class RefusalOptions
{
    public const string Section = "Refusals";

    /// <summary>How long a refusal is kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often refusals past the retention are deleted.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Refusals waiting to be written; past it a flood of refusals is counted and logged, not queued, so it
    /// cannot exhaust the Api's memory.</summary>
    public int QueueCapacity { get; set; } = 50_000;

    /// <summary>At most this many refusals go to PostgreSQL in one insert.</summary>
    public int BatchSize { get; set; } = 1_000;
}

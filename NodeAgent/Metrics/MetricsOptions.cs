namespace EventOrch.NodeAgent.Metrics;

/// <summary>How the agent samples usage (configuration section "Metrics").</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Turns sampling and reporting off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the containers and the node are sampled and reported; a cpu rate spans one interval.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many containers' stats are read at once. Docker 20.10 answers a one-shot stats call at its next
    /// one-second collection tick, so a call mostly waits: reading many at once makes a round take about a second.</summary>
    public int Parallelism { get; set; } = 32;
}

namespace EventOrch.ServiceProxy.Metrics;

/// <summary>How the proxy reports per-pod traffic to the Api (configuration section "Metrics").</summary>
public sealed class TrafficReportOptions
{
    public const string Section = "Metrics";

    /// <summary>Turns the reports off (the Prometheus /metrics endpoint stays).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The window each report covers.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>This proxy instance's name in the reports; the machine's name and the entry port when empty. Each
    /// instance's newest report counts once, so two instances must not share a name.</summary>
    public string Instance { get; set; } = "";
}

namespace EventOrch.Contracts.Model;

/// <summary>Kubernetes' timestamps (metav1.Time) have second precision: what the cluster stamps is cut to it.</summary>
public static class KubeTime
{
    /// <summary>The time with its fraction of a second dropped, in UTC.</summary>
    public static DateTimeOffset ToWholeSeconds(this DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}

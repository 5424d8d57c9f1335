namespace EventOrch.NodeAgent.Metrics;

/// <summary>Cpu in use from two readings of a cumulative counter. Pure.</summary>
public static class CpuRate
{
    /// <summary>Nanocores (cores x 10^9) used between two readings of cumulative cpu time in nanoseconds; null when the
    /// readings do not make a window (same instant, out of order) or the counter went back (a restarted container).</summary>
    public static long? NanoCores(ulong previousCpuNanoseconds, DateTimeOffset previousAt, ulong cpuNanoseconds, DateTimeOffset at)
    {
        var seconds = (at - previousAt).TotalSeconds;
        if (seconds <= 0 || cpuNanoseconds < previousCpuNanoseconds) return null;
        return (long)Math.Round((cpuNanoseconds - previousCpuNanoseconds) / seconds);
    }

    /// <summary>Nanocores the machine used between two /proc/stat readings: the busy share of all cpu time, times the cpus.</summary>
    public static long? NodeNanoCores(ProcStat previous, ProcStat current, int cpus)
    {
        var total = current.Total - previous.Total;
        var busy = current.Busy - previous.Busy;
        if (current.Total < previous.Total || current.Busy < previous.Busy || total == 0) return null;
        return (long)Math.Round((double)busy / total * cpus * 1_000_000_000);
    }
}

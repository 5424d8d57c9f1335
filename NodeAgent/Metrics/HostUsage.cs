using System.Globalization;

namespace EventOrch.NodeAgent.Metrics;

/// <summary>The aggregate cpu line of /proc/stat: busy and total time in jiffies since boot (idle and iowait are not busy;
/// guest time is already inside user and nice, so it is not counted twice).</summary>
public readonly record struct ProcStat(ulong Busy, ulong Total)
{
    /// <summary>Reads "cpu  user nice system idle iowait irq softirq steal guest guest_nice"; null when the line is not one.</summary>
    public static ProcStat? Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5 || fields[0] != "cpu") return null;
        var values = new ulong[8];
        for (var i = 0; i < values.Length && i + 1 < fields.Length; i++)
        {
            if (!ulong.TryParse(fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out values[i])) return null;
        }
        var idle = values[3] + values[4];
        var total = values.Aggregate(0UL, (a, v) => a + v);
        return new ProcStat(total - idle, total);
    }
}

/// <summary>The machine's usage from /proc: cpu from /proc/stat, memory in use as MemTotal - MemAvailable from
/// /proc/meminfo (what cannot be reclaimed at once, the machine's working set).</summary>
public static class HostUsage
{
    public static ProcStat? ReadCpu() =>
        File.Exists("/proc/stat") ? File.ReadLines("/proc/stat").Select(ProcStat.Parse).FirstOrDefault(s => s is not null) : null;

    public static long? ReadMemoryInUse() => File.Exists("/proc/meminfo") ? MemoryInUse(File.ReadLines("/proc/meminfo")) : null;

    /// <summary>MemTotal - MemAvailable in bytes; null when either line is missing.</summary>
    public static long? MemoryInUse(IEnumerable<string> meminfo)
    {
        long? total = null, available = null;
        foreach (var line in meminfo)
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal)) total = Kib(line);
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)) available = Kib(line);
        }
        return total is { } t && available is { } a ? Math.Max(0, t - a) * 1024 : null;
    }

    private static long? Kib(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : null;
    }
}

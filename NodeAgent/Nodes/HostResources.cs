using System.Globalization;

namespace EventOrch.NodeAgent.Nodes;

/// <summary>What the host has to offer: cpu count and memory, read from the machine.</summary>
public static class HostResources
{
    public static string Cpu() => Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);

    /// <summary>MemTotal from /proc/meminfo as a quantity ("24587444Ki"), or the GC's view of memory elsewhere.</summary>
    public static string Memory()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            if (kib is not null) return kib + "Ki";
        }
        catch (IOException)
        {
        }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes.ToString(CultureInfo.InvariantCulture);
    }
}

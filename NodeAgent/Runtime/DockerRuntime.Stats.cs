using Docker.DotNet;
using Docker.DotNet.Models;

namespace EventOrch.NodeAgent.Runtime;

public sealed partial class DockerRuntime
{
    /// <summary>The engine's one-shot stats (<c>stream=false&amp;one-shot=true</c>): one reading, without the second
    /// one the engine would otherwise wait a second for; the agent keeps its previous reading for the cpu rate.</summary>
    public async Task<ContainerUsage?> UsageAsync(string containerId, CancellationToken cancellationToken)
    {
        ContainerStatsResponse? read = null;
        try
        {
            await docker.Containers.GetContainerStatsAsync(containerId, new ContainerStatsParameters { Stream = false, OneShot = true },
                new Progress(r => read = r), cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        // A stopped container answers with empty stats: nothing to report.
        if (read is null || read.CPUStats?.CPUUsage is null || read.MemoryStats is null || read.Read == default) return null;
        if (read.CPUStats.CPUUsage.TotalUsage == 0 && read.MemoryStats.Usage == 0) return null;
        return new ContainerUsage(new DateTimeOffset(DateTime.SpecifyKind(read.Read, DateTimeKind.Utc)),
            read.CPUStats.CPUUsage.TotalUsage, WorkingSet(read.MemoryStats.Usage, read.MemoryStats.Stats));
    }

    /// <summary>Usage less inactive file pages (cgroup v2 names them <c>inactive_file</c>, v1 <c>total_inactive_file</c>),
    /// never below zero: the kubelet's working set.</summary>
    public static ulong WorkingSet(ulong usage, IDictionary<string, ulong>? stats)
    {
        ulong inactive = 0;
        if (stats is not null && !stats.TryGetValue("inactive_file", out inactive)) stats.TryGetValue("total_inactive_file", out inactive);
        return usage > inactive ? usage - inactive : 0;
    }

    // Synchronous, unlike Progress<T>, which would post the report to the thread pool after the call returned.
    private sealed class Progress(Action<ContainerStatsResponse> report) : IProgress<ContainerStatsResponse>
    {
        public void Report(ContainerStatsResponse value) => report(value);
    }
}

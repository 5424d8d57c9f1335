using EventOrch.NodeAgent.Metrics;
using EventOrch.NodeAgent.Runtime;

namespace EventOrch.Tests.Unit.Metrics;

public sealed class CpuAndHostUsageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0UL, 1_000_000_000UL, 2.0, 500_000_000L)]   // 1 s of cpu over 2 s: half a core
    [InlineData(5_000_000_000UL, 9_000_000_000UL, 2.0, 2_000_000_000L)] // 4 s of cpu over 2 s: two cores
    [InlineData(7UL, 7UL, 5.0, 0L)]                          // idle
    public void Cpu_in_nanocores_is_the_cpu_time_used_divided_by_the_time_between_readings(ulong before, ulong after, double seconds, long expected) =>
        Assert.Equal(expected, CpuRate.NanoCores(before, T0, after, T0.AddSeconds(seconds)));

    [Fact]
    public void A_counter_that_went_back_or_readings_without_a_window_give_no_rate()
    {
        Assert.Null(CpuRate.NanoCores(10, T0, 5, T0.AddSeconds(1)));
        Assert.Null(CpuRate.NanoCores(10, T0, 20, T0));
        Assert.Null(CpuRate.NanoCores(10, T0.AddSeconds(1), 20, T0));
    }

    [Fact]
    public void The_aggregate_cpu_line_of_proc_stat_counts_idle_and_iowait_as_not_busy()
    {
        var stat = ProcStat.Parse("cpu  100 10 50 800 40 0 0 0 0 0");
        Assert.Equal(new ProcStat(160, 1000), stat);
        Assert.Null(ProcStat.Parse("cpu0 1 2 3 4 5"));
        Assert.Null(ProcStat.Parse("intr 1 2 3"));
    }

    [Fact]
    public void Node_cpu_is_the_busy_share_of_the_time_that_passed_times_the_cpus()
    {
        var before = new ProcStat(100, 1000);
        var after = new ProcStat(350, 1500); // 250 of 500 jiffies busy: half of every cpu
        Assert.Equal(2_000_000_000L, CpuRate.NodeNanoCores(before, after, cpus: 4));
        Assert.Null(CpuRate.NodeNanoCores(after, before, 4));
        Assert.Null(CpuRate.NodeNanoCores(before, before, 4));
    }

    [Fact]
    public void Node_memory_in_use_is_total_less_available()
    {
        string[] meminfo = ["MemTotal:       16000000 kB", "MemFree:         1000000 kB", "MemAvailable:    6000000 kB"];
        Assert.Equal(10_000_000L * 1024, HostUsage.MemoryInUse(meminfo));
        Assert.Null(HostUsage.MemoryInUse(["MemTotal: 1 kB"]));
    }

    [Theory]
    [InlineData("inactive_file", 1000UL, 300UL, 700UL)]       // cgroup v2
    [InlineData("total_inactive_file", 1000UL, 300UL, 700UL)] // cgroup v1
    [InlineData("inactive_file", 100UL, 300UL, 0UL)]          // never below zero
    public void The_working_set_is_usage_less_inactive_file_pages(string key, ulong usage, ulong inactive, ulong expected) =>
        Assert.Equal(expected, DockerRuntime.WorkingSet(usage, new Dictionary<string, ulong> { [key] = inactive }));
}

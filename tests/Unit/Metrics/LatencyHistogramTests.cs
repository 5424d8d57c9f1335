using EventOrch.ServiceProxy.Metrics;

namespace EventOrch.Tests.Unit.Metrics;

public sealed class LatencyHistogramTests
{
    private static long[] Record(IEnumerable<double> seconds)
    {
        var counts = new long[LatencyHistogram.Bounds.Length + 1];
        foreach (var s in seconds) counts[LatencyHistogram.BucketOf(s)]++;
        return counts;
    }

    [Fact]
    public void The_p95_of_recorded_latencies_is_within_the_buckets_ten_percent()
    {
        // 1 ms .. 100 ms evenly: the true p95 is 95 ms.
        var counts = Record(Enumerable.Range(1, 100).Select(i => i / 1000.0));
        var p95 = LatencyHistogram.Quantile(counts, 0.95)!.Value;
        Assert.InRange(p95, 0.095 / 1.1, 0.095 * 1.1);
    }

    [Fact]
    public void A_few_slow_requests_among_many_fast_ones_raise_the_p95_only_past_five_percent()
    {
        var fast = Enumerable.Repeat(0.002, 96);
        Assert.InRange(LatencyHistogram.Quantile(Record(fast.Concat(Enumerable.Repeat(2.0, 4))), 0.95)!.Value, 0.0018, 0.0022);
        Assert.InRange(LatencyHistogram.Quantile(Record(fast.Concat(Enumerable.Repeat(2.0, 10))), 0.95)!.Value, 1.8, 2.2);
    }

    [Fact]
    public void No_requests_have_no_percentile_and_a_very_slow_one_lands_in_the_last_bucket()
    {
        Assert.Null(LatencyHistogram.Quantile(new long[LatencyHistogram.Bounds.Length + 1], 0.95));
        Assert.Equal(LatencyHistogram.Bounds.Length, LatencyHistogram.BucketOf(1000));
        Assert.Equal(LatencyHistogram.Bounds[^1], LatencyHistogram.Quantile(Record([1000.0]), 0.95));
    }

    [Fact]
    public void Closing_a_window_hands_over_its_counts_and_starts_an_empty_one()
    {
        var windows = new PodTrafficWindows();
        windows.Record("shop/web", "shop", "web-1", 0.01, error: false);
        windows.Record("shop/web", "shop", "web-1", 0.02, error: true);
        windows.Record("shop/web", "shop", "web-2", 0.01, error: false);

        var closed = windows.Close().OrderBy(s => s.Name).ToList();
        Assert.Equal([("web-1", 2L, 1L), ("web-2", 1L, 0L)], closed.Select(s => (s.Name, s.Requests, s.Errors)));
        Assert.Empty(windows.Close());
    }
}

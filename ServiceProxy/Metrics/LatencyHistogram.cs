namespace EventOrch.ServiceProxy.Metrics;

/// <summary>Latency buckets for percentiles: 100 µs to about 100 s in steps of 10 %, so a percentile read from them is
/// within 10 % of the true one, and recording is one search and one increment. Pure.</summary>
public static class LatencyHistogram
{
    private const double Smallest = 0.0001;
    private const double Growth = 1.1;

    /// <summary>Upper bounds of the buckets in seconds; one more bucket, past the last bound, holds everything slower.</summary>
    public static readonly double[] Bounds = MakeBounds();

    public static int BucketOf(double seconds)
    {
        var index = Array.BinarySearch(Bounds, seconds);
        return index >= 0 ? index : ~index;
    }

    /// <summary>The <paramref name="quantile"/> (0.95 for p95) of what <paramref name="counts"/> recorded, interpolated
    /// linearly inside its bucket; null when nothing was recorded.</summary>
    public static double? Quantile(ReadOnlySpan<long> counts, double quantile)
    {
        long total = 0;
        foreach (var c in counts) total += c;
        if (total == 0) return null;
        var rank = quantile * total;
        long below = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            if (below + counts[i] >= rank)
            {
                var lower = i == 0 ? 0 : Bounds[i - 1];
                var upper = i < Bounds.Length ? Bounds[i] : Bounds[^1];
                return lower + (upper - lower) * Math.Clamp((rank - below) / counts[i], 0, 1);
            }
            below += counts[i];
        }
        return Bounds[^1];
    }

    private static double[] MakeBounds()
    {
        var bounds = new List<double>();
        for (var b = Smallest; b < 120; b *= Growth) bounds.Add(b);
        return [.. bounds];
    }
}

using System.Globalization;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Api.Metrics;

/// <summary>How samples print in the metrics APIs, as metrics-server prints them: cpu in cores (nanocore precision),
/// memory in bytes with binary suffixes, windows as Go durations.</summary>
public static class MetricsFormat
{
    public static string Cpu(long nanoCores) => new Quantity(Math.Max(0, nanoCores) / 1_000_000_000m).ToString();

    public static string Memory(long bytes) => new Quantity(Math.Max(0, bytes), QuantityFormat.BinarySI).ToString();

    /// <summary>A rate or a time as a quantity to the micro unit (<c>12500m</c> for 12.5).</summary>
    public static string Value(double value) =>
        new Quantity(Math.Round((decimal)Math.Max(0, double.IsFinite(value) ? value : 0), 6)).ToString();

    /// <summary>A Go duration to the millisecond: <c>5s</c>, <c>5.012s</c>.</summary>
    public static string Window(double seconds) =>
        Math.Round(Math.Max(0, seconds), 3).ToString("0.###", CultureInfo.InvariantCulture) + "s";
}

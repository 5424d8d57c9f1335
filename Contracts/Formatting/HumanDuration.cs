namespace EventOrch.Contracts.Formatting;

/// <summary>Ages as kubectl prints them (k8s.io/apimachinery/pkg/util/duration.HumanDuration): 45s, 3m20s, 5h, 2d3h, 1y;
/// the Api's table cells and eoctl both print them.</summary>
public static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        // Up to two seconds in the future is a clock skew, read as now.
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{seconds}s");
        var minutes = (long)d.TotalMinutes;
        if (minutes < 10) return seconds % 60 == 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{minutes}m") : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{minutes}m{seconds % 60}s");
        if (minutes < 60 * 3) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{minutes}m");
        var hours = (long)d.TotalHours;
        if (hours < 8) return minutes % 60 == 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hours}h") : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hours}h{minutes % 60}m");
        if (hours < 48) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hours}h");
        if (hours < 24 * 8) return hours % 24 == 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hours / 24}d") : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hours / 24}d{hours % 24}h");
        if (hours < 24 * 365 * 2) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hours / 24}d");
        if (hours < 24 * 365 * 8) return hours / 24 % 365 == 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hours / 24 / 365}y") : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hours / 24 / 365}y{hours / 24 % 365}d");
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hours / 24 / 365}y");
    }

    /// <summary>The age of something created at <paramref name="timestamp"/> (an RFC 3339 string), or "&lt;unknown&gt;".</summary>
    public static string Since(string? timestamp, DateTimeOffset now) =>
        DateTimeOffset.TryParse(timestamp, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? Format(now - at)
            : "<unknown>";
}

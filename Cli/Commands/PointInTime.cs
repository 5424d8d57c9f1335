using System.CommandLine;
using System.Globalization;

namespace EventOrch.Cli.Commands;

/// <summary>A point of the record as <c>--as-of</c>, <c>--from</c> and <c>--to</c> take it: an RFC 3339 time, a
/// resourceVersion, or a duration ago (<c>10m</c>, <c>1h30m</c>), sent to the Api as its <c>asOf</c>.</summary>
public static class PointInTime
{
    public static Option<string?> Option(string name, string description) => new(name) { Description = description };

    /// <summary>The <c>asOf</c> value for <paramref name="text"/>: a resourceVersion as it is, a time in UTC, a duration
    /// as the time that long before <paramref name="now"/>; null for null.</summary>
    public static string? Read(string? text, string option, DateTimeOffset now)
    {
        if (text is null) return null;
        if (text.Length > 0 && text.All(char.IsAsciiDigit)) return text;
        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return Rfc3339(at);
        if (text.Length > 0 && char.IsAsciiLetter(text[^1]))
        {
            try
            {
                return Rfc3339(now - Durations.Parse(text, option));
            }
            catch (CliException)
            {
                // Not a duration either: said below.
            }
        }
        throw new CliException($"invalid argument \"{text}\" for \"{option}\" flag: give an RFC 3339 time (2026-11-24T10:00:00Z), "
            + "a resourceVersion (12345) or a duration ago (10m)");
    }

    /// <summary>A time as the Api reads it: UTC, with the fraction of a second when there is one.</summary>
    public static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString(time.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
            CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace EventOrch.Cli.Commands;

/// <summary>Durations as kubectl takes them (Go's syntax: 30s, 5m, 1h30m, 500ms; a bare number is seconds; 0 is no limit).</summary>
public static partial class Durations
{
    public static TimeSpan Parse(string text, string option)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            return TimeSpan.FromSeconds(seconds);
        var matches = Part().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
            throw new CliException($"invalid argument \"{text}\" for \"{option}\" flag: time: invalid duration \"{text}\"");
        var total = TimeSpan.Zero;
        foreach (Match match in matches)
        {
            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            total += match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                _ => TimeSpan.FromHours(value),
            };
        }
        return total;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}

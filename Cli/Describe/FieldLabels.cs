namespace EventOrch.Cli.Describe;

/// <summary>Field names as describe shows them (kubectl's smartLabelFor): <c>containerPort</c> reads "Container Port",
/// <c>podIP</c> "Pod IP"; a name with characters other than letters and '-' is shown as it is.</summary>
public static class FieldLabels
{
    private static readonly HashSet<string> Acronyms = ["API", "URL", "UID", "OSB", "GUID"];

    public static string For(string field)
    {
        if (field.Length == 0 || field.Any(c => !char.IsLetter(c) && c != '-')) return field;
        var parts = new List<string>();
        var start = 0;
        for (var i = 1; i < field.Length; i++)
        {
            var boundary = (char.IsLower(field[i - 1]) && char.IsUpper(field[i]))
                || (char.IsUpper(field[i - 1]) && char.IsUpper(field[i]) && i + 1 < field.Length && char.IsLower(field[i + 1]));
            if (!boundary) continue;
            parts.Add(field[start..i]);
            start = i;
        }
        parts.Add(field[start..]);
        return string.Join(" ", parts.Select(p => Acronyms.Contains(p.ToUpperInvariant()) ? p.ToUpperInvariant() : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}

using System.Text;
using System.Text.Json.Nodes;

namespace EventOrch.Contracts.Diffing;

/// <summary>Writes changes one per line, as a reader scans them:
/// <c>~ spec.replicas: 2 -> 3</c>, <c>+ metadata.labels.tier: web</c>, <c>- spec.containers[name=sidecar]: {...}</c>.</summary>
public static class ObjectDiffText
{
    public const string HiddenValue = "(hidden)";

    /// <summary>The changes, one line each, every line ending in a newline; values longer than
    /// <paramref name="maxValueLength"/> (when given) are cut with an ellipsis.</summary>
    public static string Render(IEnumerable<FieldChange> changes, int? maxValueLength = null, string indent = "")
    {
        var text = new StringBuilder();
        foreach (var change in changes) text.Append(indent).Append(Line(change, maxValueLength)).Append('\n');
        return text.ToString();
    }

    /// <summary>One change as a line (no newline).</summary>
    public static string Line(FieldChange change, int? maxValueLength = null)
    {
        string Show(JsonNode? value) => change.Hidden ? HiddenValue : Value(value, maxValueLength);
        return change.Op switch
        {
            FieldChangeOp.Added => $"+ {change.Path}: {Show(change.New)}",
            FieldChangeOp.Removed => $"- {change.Path}: {Show(change.Old)}",
            _ => change.Hidden ? $"~ {change.Path}: {HiddenValue}" : $"~ {change.Path}: {Show(change.Old)} -> {Show(change.New)}",
        };
    }

    /// <summary>A value as it reads best: a plain string bare, anything else (and a string that would be mistaken for
    /// something else) as compact JSON.</summary>
    public static string Value(JsonNode? value, int? maxLength = null)
    {
        var text = value switch
        {
            null => "null",
            JsonValue v when v.TryGetValue<string>(out var s) && IsBare(s) => s,
            _ => value.ToJsonString(Serialization.KubeJson.Options),
        };
        return maxLength is { } max && text.Length > max ? text[..Math.Max(0, max - 3)] + "..." : text;
    }

    private static bool IsBare(string s) =>
        s.Length > 0 && !char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1]) && s is not ("null" or "true" or "false")
        && !double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out _) && s.IndexOfAny(['\n', '"', '{', '[']) < 0
        && !s.Contains(" -> ", StringComparison.Ordinal);
}

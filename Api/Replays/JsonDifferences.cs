using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EventOrch.Api.Replays;

/// <summary>Where two JSON documents differ, as paths (<c>object.spec.containers[0].image</c>,
/// <c>object.metadata.labels["app.kubernetes.io/name"]</c>). A member present on one side only differs, even when the
/// other side's is null: both sides are written by the same serializer, so equal states are equal text. Numbers compare
/// by value. A subtree present on one side only is one path, not one per leaf.</summary>
public static partial class JsonDifferences
{
    /// <summary>The paths where <paramref name="live"/> and <paramref name="replayed"/> differ, at most
    /// <paramref name="max"/> of them; empty when they are equal.</summary>
    public static IReadOnlyList<string> Between(JsonElement live, JsonElement replayed, int max = 50)
    {
        var paths = new List<string>();
        Compare(live, replayed, "", paths, max);
        return paths;
    }

    private static void Compare(JsonElement a, JsonElement b, string path, List<string> paths, int max)
    {
        if (paths.Count >= max) return;
        if (a.ValueKind != b.ValueKind && !(IsBoolean(a) && IsBoolean(b)))
        {
            paths.Add(Root(path));
            return;
        }
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var right = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var property in b.EnumerateObject()) right[property.Name] = property.Value;
                foreach (var property in a.EnumerateObject())
                {
                    if (right.Remove(property.Name, out var other)) Compare(property.Value, other, Member(path, property.Name), paths, max);
                    else Add(paths, Member(path, property.Name), max);
                }
                foreach (var name in right.Keys.Order(StringComparer.Ordinal)) Add(paths, Member(path, name), max);
                break;
            case JsonValueKind.Array:
                var left = a.EnumerateArray().ToList();
                var others = b.EnumerateArray().ToList();
                for (var i = 0; i < Math.Max(left.Count, others.Count); i++)
                {
                    var item = $"{path}[{i}]";
                    if (i < left.Count && i < others.Count) Compare(left[i], others[i], item, paths, max);
                    else Add(paths, item, max);
                }
                break;
            case JsonValueKind.Number:
                if (a.GetRawText() != b.GetRawText() && !SameNumber(a, b)) paths.Add(Root(path));
                break;
            case JsonValueKind.String:
                if (a.GetString() != b.GetString()) paths.Add(Root(path));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                if (a.GetBoolean() != b.GetBoolean()) paths.Add(Root(path));
                break;
        }
    }

    private static bool IsBoolean(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;

    private static bool SameNumber(JsonElement a, JsonElement b) =>
        decimal.TryParse(a.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
        && decimal.TryParse(b.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
        && x == y;

    private static void Add(List<string> paths, string path, int max)
    {
        if (paths.Count < max) paths.Add(path);
    }

    /// <summary>The whole document is named "." rather than by an empty path.</summary>
    private static string Root(string path) => path.Length == 0 ? "." : path;

    private static string Member(string path, string name)
    {
        if (!PlainName().IsMatch(name)) return $"{path}[\"{name.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"]";
        return path.Length == 0 ? name : $"{path}.{name}";
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainName();
}

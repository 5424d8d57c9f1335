using System.Text.Json;

namespace EventOrch.Api.Replays;

/// <summary>Reads fields of a stored row's JSON without trusting its shape: a corrupted row still gets named.</summary>
public static class RowFields
{
    /// <summary>The string (or number) at <paramref name="path"/>; null when absent, empty or of another type.</summary>
    public static string? Text(JsonElement row, params string[] path)
    {
        var current = row;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
        }
        var text = current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number => current.GetRawText(),
            _ => null,
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }
}

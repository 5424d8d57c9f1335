using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EventOrch.Contracts.Diffing;

/// <summary>What happened to one field between two states.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FieldChangeOp>))]
public enum FieldChangeOp
{
    [JsonStringEnumMemberName("added")] Added,
    [JsonStringEnumMemberName("removed")] Removed,
    [JsonStringEnumMemberName("changed")] Changed,
}

/// <summary>One step of a field's path: a field or map key, an element of a list, or a value of a set.</summary>
public abstract record PathSegment
{
    /// <summary>The step as it is written after the previous one (<c>.replicas</c>, <c>[name=web]</c>, <c>[0]</c>).</summary>
    public abstract string Text { get; }
}

/// <summary>A field of an object or a key of a map; a key that is not a plain word is written in brackets and quotes
/// (<c>metadata.annotations["deployment.kubernetes.io/revision"]</c>).</summary>
public sealed record FieldSegment(string Name) : PathSegment
{
    public override string Text => IsPlain(Name) ? "." + Name : $"[\"{Name.Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";

    private static bool IsPlain(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}

/// <summary>The element of a list whose <paramref name="Key"/> field (its merge key, or its name) is
/// <paramref name="Value"/>: <c>[name=web]</c>.</summary>
public sealed record ElementSegment(string Key, string Value) : PathSegment
{
    public override string Text => $"[{Key}={Value}]";
}

/// <summary>The element at <paramref name="Index"/> of a list matched by position: <c>[0]</c>.</summary>
public sealed record IndexSegment(int Index) : PathSegment
{
    public override string Text => $"[{Index}]";
}

/// <summary>A value of a list treated as a set (finalizers): <c>[]</c>, the change's value saying which.</summary>
public sealed record SetSegment : PathSegment
{
    public override string Text => "[]";
}

/// <summary>One field that differs between two states: where (<see cref="Path"/>, as a reader writes it:
/// <c>spec.replicas</c>, <c>metadata.labels.app</c>, <c>spec.containers[name=web].image</c>), its old and new values (JSON;
/// null where absent) and whether it was added, removed or changed. A hidden change (a Secret's data) says that the value
/// changed, not what it is: both values are null.</summary>
public sealed record FieldChange(string Path, FieldChangeOp Op, JsonNode? Old, JsonNode? New, bool Hidden = false)
{
    /// <summary>The path step by step, as the diff walked it; empty for a change read back from JSON.</summary>
    [JsonIgnore]
    public IReadOnlyList<PathSegment> Segments { get; init; } = [];

    /// <summary>A change at the path <paramref name="segments"/> spell.</summary>
    public static FieldChange At(IReadOnlyList<PathSegment> segments, FieldChangeOp op, JsonNode? old, JsonNode? @new, bool hidden = false) =>
        new(PathOf(segments), op, old, @new, hidden) { Segments = segments };

    public static string PathOf(IEnumerable<PathSegment> segments) => string.Concat(segments.Select(s => s.Text)).TrimStart('.');
}

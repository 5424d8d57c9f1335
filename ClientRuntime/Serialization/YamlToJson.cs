using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EventOrch.ClientRuntime.Serialization;

/// <summary>Reads a YAML document into a JSON tree, typing plain scalars as YAML 1.2's core schema
/// does (null, booleans, integers, floats) and quoted scalars as strings. An integer with a leading zero
/// (<c>0644</c>) is octal, as YAML 1.1 (which kubectl reads) has it, like <c>0o644</c> in YAML 1.2.</summary>
public static class YamlToJson
{
    public static JsonNode? Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : ToNode(stream.Documents[0].RootNode);
    }

    /// <summary>Every document of a multi-document stream (separated by <c>---</c>), in order; an empty document
    /// (a separator with nothing after it) reads as null.</summary>
    public static IReadOnlyList<JsonNode?> ConvertAll(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => ToNode(d.RootNode)).ToList();
    }

    private static JsonNode? ToNode(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToNode(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToNode).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new YamlException($"unsupported YAML node {node.NodeType}"),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain) return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (Octal(text) is { } octal) return JsonValue.Create(octal);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return JsonValue.Create(integer);
        if (text.Length > 2 && text.StartsWith("0x", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex)) return JsonValue.Create(hex);
        if (text.Any(char.IsDigit) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && !double.IsInfinity(real)) return JsonValue.Create(real);
        return JsonValue.Create(text);
    }

    // YAML 1.1's 0[0-7]+ and YAML 1.2's 0o[0-7]+, optionally signed; null for anything else (08 stays decimal, as
    // kubectl's YAML reader takes it).
    private static long? Octal(string text)
    {
        var sign = text.StartsWith('-') ? -1 : 1;
        var digits = text.AsSpan(text.StartsWith('-') || text.StartsWith('+') ? 1 : 0);
        if (digits.StartsWith("0o", StringComparison.Ordinal)) digits = digits[2..];
        else if (digits.Length > 1 && digits[0] == '0') digits = digits[1..];
        else return null;
        if (digits.Length == 0 || digits.Length > 21) return null;
        long value = 0;
        foreach (var digit in digits)
        {
            if (digit is < '0' or > '7') return null;
            value = checked(value * 8 + (digit - '0'));
        }
        return sign * value;
    }
}

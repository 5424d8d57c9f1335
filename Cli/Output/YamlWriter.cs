using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EventOrch.Cli.Output;

/// <summary>Writes a JSON tree as YAML in the shape kubectl prints (block style, list items level with their key),
/// quoting the strings YAML would otherwise read as another type ("8080", "true", "null") so the output reads back
/// as the same object.</summary>
public static class YamlWriter
{
    public static string Write(JsonNode? node)
    {
        var text = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(text, EmitterSettings.Default);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array) Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        EmitString(emitter, value.GetValue<string>());
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        emitter.Emit(Plain(value.GetValue<bool>() ? "true" : "false"));
                        break;
                    default:
                        emitter.Emit(Plain(value.ToJsonString()));
                        break;
                }
                break;
        }
    }

    private static Scalar Plain(string text) => new(null, null, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false);

    private static void EmitString(IEmitter emitter, string text)
    {
        var style = text.Contains('\n') ? ScalarStyle.Literal : NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, text, style, isPlainImplicit: true, isQuotedImplicit: true));
    }

    /// <summary>Whether a plain scalar with this text would read back as something other than this string.</summary>
    public static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || text != text.Trim()) return true;
        switch (text.ToLowerInvariant())
        {
            case "~" or "null" or "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or ".nan" or ".inf" or "-.inf" or "+.inf":
                return true;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return true;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.StartsWith("0o", StringComparison.OrdinalIgnoreCase)) return true;
        // Dates and times (2024-01-02) read back as timestamps in YAML 1.1.
        if (text.Length >= 8 && char.IsDigit(text[0]) && text.Count(c => c == '-') == 2 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out _)) return true;
        return false;
    }
}

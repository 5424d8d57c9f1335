using System.Globalization;
using System.Text.Json.Nodes;

namespace EventOrch.Api.Requests.Patching;

/// <summary>An RFC 6901 JSON pointer: <c>/spec/containers/0/image</c>, with <c>~1</c> for '/' and <c>~0</c> for '~' in a
/// token (<c>/metadata/labels/app.kubernetes.io~1name</c>). The empty pointer is the whole document.</summary>
public sealed class JsonPointer
{
    private JsonPointer(string text, IReadOnlyList<string> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public string Text { get; }

    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    /// <summary>The last token: the member or index the pointer names in its parent.</summary>
    public string Last => Tokens[^1];

    public JsonPointer Parent => new(Text[..Text.LastIndexOf('/')], Tokens.Take(Tokens.Count - 1).ToList());

    public static bool TryParse(string text, out JsonPointer pointer, out string? error)
    {
        pointer = new JsonPointer("", []);
        error = null;
        if (text.Length == 0) return true;
        if (text[0] != '/')
        {
            error = $"the JSON pointer \"{text}\" does not start with '/'";
            return false;
        }
        var tokens = new List<string>();
        foreach (var raw in text[1..].Split('/'))
        {
            for (var i = raw.IndexOf('~', StringComparison.Ordinal); i >= 0; i = raw.IndexOf('~', i + 1))
            {
                if (i == raw.Length - 1 || raw[i + 1] is not ('0' or '1'))
                {
                    error = $"the JSON pointer \"{text}\" has a '~' that is not followed by 0 or 1";
                    return false;
                }
            }
            tokens.Add(raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }
        pointer = new JsonPointer(text, tokens);
        return true;
    }

    /// <summary>Whether this pointer names a place strictly inside <paramref name="other"/>'s value.</summary>
    public bool IsInside(JsonPointer other) => Tokens.Count > other.Tokens.Count && other.Tokens.SequenceEqual(Tokens.Take(other.Tokens.Count));

    /// <summary>The node the pointer names; false when there is none (a null value is found, as null).</summary>
    public bool TryFind(JsonNode? document, out JsonNode? found)
    {
        found = document;
        foreach (var token in Tokens)
        {
            switch (found)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                    found = child;
                    break;
                case JsonArray array when TryIndex(token, array.Count, out var index):
                    found = array[index];
                    break;
                default:
                    found = null;
                    return false;
            }
        }
        return true;
    }

    /// <summary>An existing array index: digits without leading zeros, below <paramref name="count"/>.</summary>
    public static bool TryIndex(string token, int count, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit)) return false;
        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index < count;
    }

    public override string ToString() => Text;
}

using System.Text;

namespace EventOrch.Contracts.Selectors;

/// <summary>The operators of a field selector term.</summary>
public enum FieldOperator
{
    Equals,
    NotEquals,
}

/// <summary>One term of a field selector: <c>field=value</c> or <c>field!=value</c>, value unescaped.</summary>
public sealed record FieldRequirement(string Field, FieldOperator Operator, string Value)
{
    public bool Matches(Func<string, string?> valueOf) =>
        string.Equals(valueOf(Field) ?? "", Value, StringComparison.Ordinal) == (Operator == FieldOperator.Equals);

    public override string ToString() =>
        $"{Field}{(Operator == FieldOperator.Equals ? "=" : "!=")}{FieldSelector.EscapeValue(Value)}";
}

/// <summary>A parsed field selector with Kubernetes' semantics (k8s.io/apimachinery/pkg/fields).</summary>
public sealed class FieldSelector
{
    private FieldSelector(IReadOnlyList<FieldRequirement> requirements) => Requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The terms, in sorted order; all must match.</summary>
    public IReadOnlyList<FieldRequirement> Requirements { get; }

    public bool IsEverything => Requirements.Count == 0;

    /// <summary>Parses the syntax of <c>?fieldSelector=</c>; empty or null text selects everything.</summary>
    public static bool TryParse(string? text, out FieldSelector selector, out string? error)
    {
        selector = Everything;
        error = null;
        if (string.IsNullOrEmpty(text)) return true;

        var terms = SplitTerms(text);
        terms.Sort(StringComparer.Ordinal);
        var requirements = new List<FieldRequirement>();
        foreach (var term in terms)
        {
            if (term.Length == 0) continue;
            if (!TrySplitTerm(term, out var field, out var op, out var rawValue))
            {
                error = $"invalid selector: '{text}'; can't understand '{term}'";
                return false;
            }
            if (!TryUnescapeValue(rawValue, out var value, out error)) return false;
            requirements.Add(new FieldRequirement(field, op, value));
        }
        if (requirements.Count > 0) selector = new FieldSelector(requirements);
        return true;
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> when it is not a valid selector.</summary>
    public static FieldSelector Parse(string? text) =>
        TryParse(text, out var selector, out var error) ? selector : throw new FormatException(error);

    /// <param name="valueOf">The object's value for a field path; null reads as "".</param>
    public bool Matches(Func<string, string?> valueOf)
    {
        foreach (var requirement in Requirements)
        {
            if (!requirement.Matches(valueOf)) return false;
        }
        return true;
    }

    /// <summary>The first field the caller cannot select on, or null; the Api answers
    /// <c>field label not supported: X</c> with 400.</summary>
    public string? FirstUnsupported(IReadOnlySet<string> supportedFields) =>
        Requirements.FirstOrDefault(r => !supportedFields.Contains(r.Field))?.Field;

    /// <summary>True when the selector requires <paramref name="field"/> to equal one value (Kubernetes' RequiresExactMatch).</summary>
    public bool TryGetExactMatch(string field, out string value)
    {
        var match = Requirements.FirstOrDefault(r => r.Field == field && r.Operator == FieldOperator.Equals);
        value = match?.Value ?? "";
        return match is not null;
    }

    public override string ToString() => string.Join(",", Requirements);

    /// <summary>Escapes '\', ',' and '=' so a literal value survives parsing.</summary>
    public static string EscapeValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("=", "\\=", StringComparison.Ordinal);

    // Backslash-escaped commas are data; the backslash stays for UnescapeValue.
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var start = 0;
        var inSlash = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (inSlash) inSlash = false;
            else if (text[i] == '\\') inSlash = true;
            else if (text[i] == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }
        terms.Add(text[start..]);
        return terms;
    }

    // The field cannot be escaped: the first operator found splits the term, "!=" and "==" before "=".
    private static bool TrySplitTerm(string term, out string field, out FieldOperator op, out string value)
    {
        for (var i = 0; i < term.Length; i++)
        {
            var rest = term.AsSpan(i);
            var (length, found) = rest.StartsWith("!=") ? (2, FieldOperator.NotEquals)
                : rest.StartsWith("==") ? (2, FieldOperator.Equals)
                : rest.StartsWith("=") ? (1, FieldOperator.Equals)
                : (0, FieldOperator.Equals);
            if (length == 0) continue;
            field = term[..i];
            op = found;
            value = term[(i + length)..];
            return true;
        }
        field = value = "";
        op = FieldOperator.Equals;
        return false;
    }

    private static bool TryUnescapeValue(string raw, out string value, out string? error)
    {
        value = raw;
        error = null;
        if (raw.AsSpan().IndexOfAny('\\', ',', '=') < 0) return true;

        var sb = new StringBuilder(raw.Length);
        var inSlash = false;
        foreach (var c in raw)
        {
            if (inSlash)
            {
                if (c is not ('\\' or ',' or '='))
                {
                    error = $"invalid field selector: invalid escape sequence: \\{c}";
                    return false;
                }
                sb.Append(c);
                inSlash = false;
            }
            else if (c == '\\') inSlash = true;
            else if (c is ',' or '=')
            {
                error = $"invalid field selector: unescaped character in value: {c}";
                return false;
            }
            else sb.Append(c);
        }
        if (inSlash)
        {
            error = "invalid field selector: invalid escape sequence: \\";
            return false;
        }
        value = sb.ToString();
        return true;
    }
}

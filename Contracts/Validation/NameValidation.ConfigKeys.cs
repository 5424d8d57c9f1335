using System.Text.RegularExpressions;

namespace EventOrch.Contracts.Validation;

public static partial class NameValidation
{
    private const string ConfigMapKeyFmt = "[-._a-zA-Z0-9]+";
    private const string ConfigMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

    /// <summary>A key of a ConfigMap's or a Secret's data (it becomes a file name): at most 253 characters of
    /// <c>[-._a-zA-Z0-9]</c>, not '.' nor '..', not starting with '..'.</summary>
    public static IReadOnlyList<string> IsConfigMapKey(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > Dns1123SubdomainMaxLength) errors.Add(MaxLenError(Dns1123SubdomainMaxLength));
        if (!ConfigMapKey().IsMatch(value)) errors.Add(RegexError(ConfigMapKeyErrMsg, ConfigMapKeyFmt, "key.name", "KEY_NAME", "key-name"));
        if (value == ".") errors.Add("must not be '.'");
        else if (value == "..") errors.Add("must not be '..'");
        else if (value.StartsWith("..", StringComparison.Ordinal)) errors.Add("must not start with '..'");
        return errors;
    }

    [GeneratedRegex(@"\A" + ConfigMapKeyFmt + @"\z")]
    private static partial Regex ConfigMapKey();
}

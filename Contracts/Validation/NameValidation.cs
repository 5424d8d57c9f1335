using System.Text;
using System.Text.RegularExpressions;

namespace EventOrch.Contracts.Validation;

/// <summary>Validates a name, or a name prefix when <paramref name="prefix"/> is true (generateName);
/// returns the messages of every rule it breaks.</summary>
public delegate IReadOnlyList<string> NameValidator(string name, bool prefix);

/// <summary>Kubernetes' name and value rules (k8s.io/apimachinery/pkg/util/validation), with its messages.</summary>
public static partial class NameValidation
{
    public const int Dns1123LabelMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;
    public const int PortNameMaxLength = 15;

    /// <summary>The total size in bytes of all annotation keys and values of one object.</summary>
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123LabelErrMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1035LabelErrMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1123SubdomainErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";
    private const string LabelValueErrMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string EnvVarNameFmt = "[-._a-zA-Z][-._a-zA-Z0-9]*";
    private const string EnvVarNameErrMsg = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";

    public static IReadOnlyList<string> IsDns1123Label(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > Dns1123LabelMaxLength) errors.Add(MaxLenError(Dns1123LabelMaxLength));
        if (!Dns1123Label().IsMatch(value))
        {
            errors.Add(Dns1123Subdomain().IsMatch(value)
                ? "must not contain dots"
                : RegexError(Dns1123LabelErrMsg, Dns1123LabelFmt, "my-name", "123-abc"));
        }
        return errors;
    }

    /// <summary>A DNS-1035 label (Services' names): like an RFC 1123 label, but starting with a letter.</summary>
    public static IReadOnlyList<string> IsDns1035Label(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > Dns1123LabelMaxLength) errors.Add(MaxLenError(Dns1123LabelMaxLength));
        if (!Dns1035Label().IsMatch(value)) errors.Add(RegexError(Dns1035LabelErrMsg, Dns1035LabelFmt, "my-name", "abc-123"));
        return errors;
    }

    public static IReadOnlyList<string> IsDns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > Dns1123SubdomainMaxLength) errors.Add(MaxLenError(Dns1123SubdomainMaxLength));
        if (!Dns1123Subdomain().IsMatch(value)) errors.Add(RegexError(Dns1123SubdomainErrMsg, Dns1123SubdomainFmt, "example.com"));
        return errors;
    }

    /// <summary>A label key or annotation key: an optional DNS subdomain prefix and '/', then a name.</summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0) errors.Add("prefix part " + EmptyError());
                else errors.AddRange(IsDns1123Subdomain(prefix).Select(m => "prefix part " + m));
                break;
            default:
                errors.Add("a qualified name " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }

        if (name.Length == 0) errors.Add("name part " + EmptyError());
        else if (ByteLength(name) > QualifiedNameMaxLength) errors.Add("name part " + MaxLenError(QualifiedNameMaxLength));
        if (!QualifiedName().IsMatch(name))
        {
            errors.Add("name part " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc"));
        }
        return errors;
    }

    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > LabelValueMaxLength) errors.Add(MaxLenError(LabelValueMaxLength));
        if (!LabelValue().IsMatch(value)) errors.Add(RegexError(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        return errors;
    }

    /// <summary>An IANA_SVC_NAME: at most 15 characters of [-a-z0-9], at least one letter, no leading,
    /// trailing or doubled '-'.</summary>
    public static IReadOnlyList<string> IsValidPortName(string port)
    {
        var errors = new List<string>();
        if (ByteLength(port) > PortNameMaxLength) errors.Add(MaxLenError(PortNameMaxLength));
        if (!PortNameCharset().IsMatch(port)) errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        if (!port.Any(c => c is >= 'a' and <= 'z')) errors.Add("must contain at least one letter (a-z)");
        if (port.Contains("--", StringComparison.Ordinal)) errors.Add("must not contain consecutive hyphens");
        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-')) errors.Add("must not begin or end with a hyphen");
        return errors;
    }

    public static IReadOnlyList<string> IsValidPortNum(long port) =>
        port is >= 1 and <= 65535 ? [] : [InclusiveRangeError(1, 65535)];

    public static IReadOnlyList<string> IsEnvVarName(string value)
    {
        var errors = new List<string>();
        if (!EnvVarName().IsMatch(value)) errors.Add(RegexError(EnvVarNameErrMsg, EnvVarNameFmt, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        if (value == ".") errors.Add("must not be '.'");
        else if (value == "..") errors.Add("must not be '..'");
        else if (value.StartsWith("..", StringComparison.Ordinal)) errors.Add("must not start with '..'");
        return errors;
    }

    /// <summary>The name rule of most kinds (pods, nodes, service accounts): a DNS-1123 subdomain.</summary>
    public static IReadOnlyList<string> NameIsDnsSubdomain(string name, bool prefix) =>
        IsDns1123Subdomain(prefix ? MaskTrailingDash(name) : name);

    /// <summary>The name rule of Services: a DNS-1035 label.</summary>
    public static IReadOnlyList<string> NameIsDns1035Label(string name, bool prefix) =>
        IsDns1035Label(prefix ? MaskTrailingDash(name) : name);

    /// <summary>The name rule of namespaces: a DNS-1123 label.</summary>
    public static IReadOnlyList<string> NameIsDnsLabel(string name, bool prefix) =>
        IsDns1123Label(prefix ? MaskTrailingDash(name) : name);

    public static string EmptyError() => "must be non-empty";

    public static string MaxLenError(int length) => $"must be no more than {length} characters";

    public static string InclusiveRangeError(long lo, long hi) => $"must be between {lo} and {hi}, inclusive";

    /// <summary>Kubernetes' RegexError, including its doubled spaces between examples.</summary>
    public static string RegexError(string message, string format, params string[] examples)
    {
        if (examples.Length == 0) return $"{message} (regex used for validation is '{format}')";
        var sb = new StringBuilder(message).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0) sb.Append(" or ");
            sb.Append('\'').Append(examples[i]).Append("', ");
        }
        return sb.Append("regex used for validation is '").Append(format).Append("')").ToString();
    }

    // A generateName may end in '-': the generated suffix follows it.
    private static string MaskTrailingDash(string name) =>
        name.Length > 1 && name.EndsWith('-') ? name[..^2] + "a" : name;

    // Kubernetes counts bytes, not characters.
    private static int ByteLength(string value) => Encoding.UTF8.GetByteCount(value);

    [GeneratedRegex(@"\A" + Dns1123LabelFmt + @"\z")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"\A" + Dns1035LabelFmt + @"\z")]
    private static partial Regex Dns1035Label();

    [GeneratedRegex(@"\A" + Dns1123SubdomainFmt + @"\z")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex(@"\A" + QualifiedNameFmt + @"\z")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"\A" + LabelValueFmt + @"\z")]
    private static partial Regex LabelValue();

    [GeneratedRegex(@"\A[-a-z0-9]+\z")]
    private static partial Regex PortNameCharset();

    [GeneratedRegex(@"\A" + EnvVarNameFmt + @"\z")]
    private static partial Regex EnvVarName();
}

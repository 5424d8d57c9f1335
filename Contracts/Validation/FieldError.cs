using System.Globalization;
using System.Text;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>One field-level validation failure, rendered like Kubernetes' field.Error.</summary>
/// <param name="Type">One of the <see cref="FieldErrorTypes"/> constants, or <see cref="NotFoundType"/>.</param>
/// <param name="Value">The offending value; quoted when rendered unless <see cref="ValueIsLiteral"/> is set.</param>
public sealed record FieldError(string Field, string Type, string Detail, string? Value = null)
{
    /// <summary>Kubernetes' FieldValueNotFound, which <see cref="FieldErrorTypes"/> does not list.</summary>
    public const string NotFoundType = "FieldValueNotFound";

    /// <summary>True when <see cref="Value"/> is already a literal (a number, JSON) and must not be quoted.</summary>
    public bool ValueIsLiteral { get; init; }

    /// <summary>The message without the field, as Kubernetes puts it in a StatusCause.</summary>
    public string Body
    {
        get
        {
            var body = Type switch
            {
                FieldErrorTypes.Required or FieldErrorTypes.Forbidden or FieldErrorTypes.TooLong => TypeText(Type),
                _ => $"{TypeText(Type)}: {RenderedValue}",
            };
            return Detail.Length == 0 ? body : $"{body}: {Detail}";
        }
    }

    /// <summary>The full message, e.g. <c>spec.containers[0].image: Required value</c>.</summary>
    public string Message => $"{Field}: {Body}";

    public StatusCause ToStatusCause() => new() { Reason = Type, Message = Body, Field = Field };

    public override string ToString() => Message;

    public static FieldError Required(string field, string detail = "") => new(field, FieldErrorTypes.Required, detail);

    public static FieldError Forbidden(string field, string detail) => new(field, FieldErrorTypes.Forbidden, detail);

    public static FieldError Invalid(string field, string? value, string detail) => new(field, FieldErrorTypes.Invalid, detail, value);

    public static FieldError Invalid(string field, long value, string detail) =>
        new(field, FieldErrorTypes.Invalid, detail, value.ToString(CultureInfo.InvariantCulture)) { ValueIsLiteral = true };

    /// <summary>An invalid value that is not a string (a list, an object), given as its JSON text.</summary>
    public static FieldError InvalidLiteral(string field, string json, string detail) =>
        new(field, FieldErrorTypes.Invalid, detail, json) { ValueIsLiteral = true };

    public static FieldError Duplicate(string field, string value) => new(field, FieldErrorTypes.Duplicate, "", value);

    public static FieldError NotFound(string field, string value) => new(field, NotFoundType, "", value);

    public static FieldError NotSupported(string field, string? value, IEnumerable<string> supported)
    {
        var quoted = string.Join(", ", supported.Select(Quote));
        return new(field, FieldErrorTypes.NotSupported, quoted.Length == 0 ? "" : "supported values: " + quoted, value);
    }

    public static FieldError TooLong(string field, int maxBytes) =>
        new(field, FieldErrorTypes.TooLong, $"may not be more than {maxBytes} {(maxBytes == 1 ? "byte" : "bytes")}");

    /// <summary>Quotes a string as Go's %q does.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ' or '\x7f': sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }

    private string RenderedValue => ValueIsLiteral ? Value ?? "null" : Value is null ? "null" : Quote(Value);

    private static string TypeText(string type) => type switch
    {
        FieldErrorTypes.Required => "Required value",
        FieldErrorTypes.Invalid => "Invalid value",
        FieldErrorTypes.Duplicate => "Duplicate value",
        FieldErrorTypes.NotSupported => "Unsupported value",
        FieldErrorTypes.Forbidden => "Forbidden",
        FieldErrorTypes.TooLong => "Too long",
        NotFoundType => "Not found",
        _ => $"<unknown error {Quote(type)}>",
    };
}

/// <summary>Helpers over lists of field errors, as Kubernetes' ErrorList.ToAggregate.</summary>
public static class FieldErrors
{
    /// <summary>One message for the whole list: the single message, or <c>[a, b]</c> with duplicates removed.</summary>
    public static string Aggregate(IEnumerable<FieldError> errors)
    {
        var messages = errors.Select(e => e.Message).Distinct(StringComparer.Ordinal).ToList();
        return messages.Count == 1 ? messages[0] : $"[{string.Join(", ", messages)}]";
    }

    /// <summary>The message of a 422 Invalid status: <c>Pod "web" is invalid: ...</c>.</summary>
    public static string InvalidMessage(string kind, string name, IEnumerable<FieldError> errors) =>
        $"{kind} {FieldError.Quote(name)} is invalid: {Aggregate(errors)}";
}

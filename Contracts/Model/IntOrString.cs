using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventOrch.Contracts.Model;

/// <summary>A value that is either an integer or a string, such as a port number or a port name.</summary>
[JsonConverter(typeof(IntOrStringConverter))]
public readonly record struct IntOrString
{
    public int? IntValue { get; }
    public string? StringValue { get; }

    public IntOrString(int value) => IntValue = value;
    public IntOrString(string value) => StringValue = value;

    public bool IsInt => IntValue.HasValue;

    public static implicit operator IntOrString(int value) => new(value);
    public static implicit operator IntOrString(string value) => new(value);

    /// <summary>Kubernetes' GetScaledValueFromIntOrPercent: the number itself, or "N%" of <paramref name="total"/>
    /// rounded up or down; false when the string is not a whole percentage.</summary>
    public bool TryScale(int total, bool roundUp, out int value)
    {
        value = 0;
        if (IntValue is { } number)
        {
            value = number;
            return true;
        }
        if (StringValue is not { Length: > 1 } text || text[^1] != '%'
            || !int.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var percent))
            return false;
        value = roundUp ? (int)Math.Ceiling(percent * (long)total / 100.0) : (int)(percent * (long)total / 100);
        return true;
    }

    public override string ToString() => IntValue?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? StringValue ?? "";
}

public sealed class IntOrStringConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => new IntOrString(reader.GetInt32()),
            JsonTokenType.String => new IntOrString(reader.GetString()!),
            _ => throw new JsonException("expected an integer or a string"),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.IntValue is { } i) writer.WriteNumberValue(i);
        else writer.WriteStringValue(value.StringValue ?? "");
    }
}

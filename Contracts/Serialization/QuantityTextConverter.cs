using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventOrch.Contracts.Serialization;

/// <summary>A quantity kept as its text: Kubernetes' resource.Quantity reads a JSON number as well as a string
/// (<c>averageValue: 5</c> in YAML is a number), and is always written as a string.</summary>
public sealed class QuantityTextConverter : JsonConverter<string?>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        _ => throw new JsonException("a quantity must be a string or a number"),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

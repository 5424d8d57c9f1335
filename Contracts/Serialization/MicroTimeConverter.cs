using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventOrch.Contracts.Serialization;

/// <summary>Kubernetes' MicroTime (an Event's <c>eventTime</c>): RFC 3339 in UTC with exactly six fractional digits,
/// which is what Go's client parses (<c>2006-01-02T15:04:05.000000Z07:00</c>); a plain timestamp would not do.</summary>
public sealed class MicroTimeConverter : JsonConverter<DateTimeOffset?>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (string.IsNullOrEmpty(text)) return null;
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value.Value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}

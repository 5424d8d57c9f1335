using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using Google.Protobuf;

namespace EventOrch.Api.Requests.Protobuf;

/// <summary>Reads one Kubernetes protobuf message into the JSON Kubernetes would write for the same Go object, field by
/// field as its <see cref="ProtoMessage"/> schema says. A field the schema does not know, or knows and does not read, is
/// refused by its JSON path (<see cref="ProtobufBodyException"/>), never dropped.</summary>
internal sealed class ProtoJsonReader(string what)
{
    /// <summary>The fields of <paramref name="bytes"/> read as <paramref name="message"/>, at <paramref name="path"/>.</summary>
    public JsonObject Read(byte[] bytes, ProtoMessage message, string path)
    {
        var target = new JsonObject();
        ReadInto(bytes, message, path, target);
        return target;
    }

    private void ReadInto(byte[] bytes, ProtoMessage message, string path, JsonObject target)
    {
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var wire = WireFormat.GetTagWireType(tag);
            var field = message.Field(number) ?? throw Unsupported(path,
                $"field number {number} of {message.Name}{At(path)} is not known to this server");
            var at = Join(path, field.JsonName);
            if (field.Type == ProtoType.NotRead)
                throw Unsupported(at, $"{at} (field {number} of {message.Name}) is not read from protobuf");

            switch (field.Shape)
            {
                case ProtoShape.Single:
                    var value = ReadValue(input, wire, field, at);
                    if (IsKept(value, field.Pointer)) target[field.JsonName] = value;
                    else target.Remove(field.JsonName);
                    break;
                case ProtoShape.Repeated:
                    if (target[field.JsonName] is not JsonArray list) target[field.JsonName] = list = new JsonArray();
                    list.Add(ReadValue(input, wire, field, $"{at}[{list.Count}]"));
                    break;
                case ProtoShape.Map:
                    if (target[field.JsonName] is not JsonObject map) target[field.JsonName] = map = new JsonObject();
                    var (key, entry) = ReadEntry(Bytes(input, wire, field, at), field, at);
                    map[key] = entry;
                    break;
                case ProtoShape.Inline:
                    ReadInto(Bytes(input, wire, field, at), field.Message!, path, target);
                    break;
            }
        }
    }

    private JsonNode? ReadValue(CodedInputStream input, WireFormat.WireType wire, ProtoField field, string at)
    {
        switch (field.Type)
        {
            case ProtoType.String:
                Expect(wire, WireFormat.WireType.LengthDelimited, field, at);
                return JsonValue.Create(input.ReadString());
            case ProtoType.Bytes:
                Expect(wire, WireFormat.WireType.LengthDelimited, field, at);
                return JsonValue.Create(input.ReadBytes().ToBase64());
            case ProtoType.Bool:
                Expect(wire, WireFormat.WireType.Varint, field, at);
                return JsonValue.Create(input.ReadBool());
            case ProtoType.Int32:
                Expect(wire, WireFormat.WireType.Varint, field, at);
                return JsonValue.Create(input.ReadInt32());
            case ProtoType.Int64:
                Expect(wire, WireFormat.WireType.Varint, field, at);
                return JsonValue.Create(input.ReadInt64());
            default:
                return MessageValue(Bytes(input, wire, field, at), field.Message!, at);
        }
    }

    private JsonNode? MessageValue(byte[] bytes, ProtoMessage message, string at)
    {
        var fields = Read(bytes, message, at);
        return message.Convert is { } convert ? convert(fields) : fields;
    }

    // A map<string, V> entry: key 1, value 2; a missing one is its type's zero value, as Go reads it.
    private (string Key, JsonNode? Value) ReadEntry(byte[] bytes, ProtoField field, string at)
    {
        var input = new CodedInputStream(bytes);
        var key = "";
        JsonNode? value = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var wire = WireFormat.GetTagWireType(tag);
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    Expect(wire, WireFormat.WireType.LengthDelimited, field, at);
                    key = input.ReadString();
                    break;
                case 2:
                    value = ReadValue(input, wire, field, $"{at}[{key}]");
                    break;
                default:
                    throw Malformed($"{at}: an entry of the map {field.JsonName} has a field numbered {WireFormat.GetTagFieldNumber(tag)}", at);
            }
        }
        value ??= field.Type switch
        {
            ProtoType.Message => MessageValue([], field.Message!, $"{at}[{key}]"),
            _ => JsonValue.Create(""),
        };
        return (key, value);
    }

    private byte[] Bytes(CodedInputStream input, WireFormat.WireType wire, ProtoField field, string at)
    {
        Expect(wire, WireFormat.WireType.LengthDelimited, field, at);
        return input.ReadBytes().ToByteArray();
    }

    private void Expect(WireFormat.WireType actual, WireFormat.WireType expected, ProtoField field, string at)
    {
        if (actual != expected)
            throw Malformed($"{at} (field {field.Number}) is on the wire as {actual}, but is {field.Type} ({expected})", at);
    }

    // Go writes every non-pointer field, set or not: its zero value there means "not set", as omitempty leaves it out.
    private static bool IsKept(JsonNode? value, bool pointer) => value switch
    {
        null => false,
        _ when pointer => true,
        JsonObject obj => obj.Count > 0,
        JsonArray array => array.Count > 0,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var n) => n != 0,
        JsonValue v when v.TryGetValue<int>(out var i) => i != 0,
        _ => true,
    };

    private ProtobufBodyException Unsupported(string field, string message) =>
        new(ApiErrors.UnsupportedBody($"{what} in protobuf: {message}; send the object as JSON or YAML", field.Length == 0 ? null : field));

    private ProtobufBodyException Malformed(string message, string field) =>
        new(ApiErrors.BadRequest($"{what} in protobuf is malformed: {message}", field));

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string At(string path) => path.Length == 0 ? "" : $" at {path}";
}

/// <summary>Unwinds the recursive read with the Status to answer; caught where the body is read.</summary>
internal sealed class ProtobufBodyException(Status status) : Exception(status.Message)
{
    public Status Status { get; } = status;
}
